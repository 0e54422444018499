-- Exercise of the Lua interpreter whose output must be the same, byte for
-- byte, in the image and under the host's lua5.4: nothing here prints an
-- address, a time or anything else that differs between two runs.
-- Usage: lua test.lua [FOLDER] (where to write scratch files; default: the
-- current folder, so that messages naming a path are the same everywhere).

local dir = arg[1] or "."

local function section(name)
	print("== " .. name)
end

-- Tables: arrays, hashes, sort, concat, insert/remove, length, next.
section("tables")
local t = {}
for i = 1, 20 do
	t[i] = (i * 37) % 23
end
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","))
table.insert(t, 1, 100)
table.remove(t, 5)
print(#t, t[1], t[5], t[#t])
local words = { "pear", "apple", "fig", "banana", "cherry" }
table.sort(words)
print(table.concat(words, "|"))
local count = {}
for _, w in ipairs({ "a", "b", "a", "c", "b", "a" }) do
	count[w] = (count[w] or 0) + 1
end
local keys = {}
for k in pairs(count) do
	keys[#keys + 1] = k
end
table.sort(keys)
for _, k in ipairs(keys) do
	io.write(k, "=", count[k], " ")
end
print()
print(table.unpack({ 1, 2, 3 }, 2))
print(select("#", nil, nil, 3), select(2, "x", "y", "z"))
local moved = table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1)
print(table.concat(moved, ","))

-- Metatables: __index, __add, __tostring, __eq, __lt, __call, __len.
section("metatables")
local V = {}
V.__index = V
function V.new(x, y) return setmetatable({ x = x, y = y }, V) end
function V.__add(a, b) return V.new(a.x + b.x, a.y + b.y) end
function V.__eq(a, b) return a.x == b.x and a.y == b.y end
function V.__lt(a, b) return a:len2() < b:len2() end
function V.__tostring(v) return "(" .. v.x .. "," .. v.y .. ")" end
function V:len2() return self.x * self.x + self.y * self.y end
local a, b = V.new(1, 2), V.new(3, 4)
print(tostring(a + b), a + b == V.new(4, 6), a < b, b < a)
local callable = setmetatable({}, {
	__call = function(_, n) return n * 2 end,
	__len = function() return 42 end,
})
print(callable(21), #callable)
local defaults = setmetatable({}, { __index = function(_, k) return k .. "!" end })
print(defaults.hello, rawget(defaults, "hello"))

-- Closures: counters, upvalues shared between closures, varargs.
section("closures")
local function counter(step)
	local n = 0
	return function() n = n + step; return n end,
		function() n = 0 end
end
local inc, reset = counter(3)
print(inc(), inc(), inc())
reset()
print(inc())
local fns = {}
for i = 1, 5 do
	fns[i] = function() return i * i end
end
local sq = {}
for i, f in ipairs(fns) do
	sq[i] = f()
end
print(table.concat(sq, " "))
local function sum(...)
	local s = 0
	for _, v in ipairs({ ... }) do
		s = s + v
	end
	return s, select("#", ...)
end
print(sum(1, 2, 3, 4.5))
local function memo(f)
	local cache = {}
	return function(n)
		if cache[n] == nil then
			cache[n] = f(n)
		end
		return cache[n]
	end
end
local fib
fib = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80))

-- String library: patterns, gsub, gmatch, find, format, rep, byte/char.
section("strings")
local s = "The quick brown fox jumps over the lazy dog 1234 times"
print(s:upper())
print(s:len(), s:sub(5, 9), s:sub(-5), s:rep(2, "/"):len())
print(s:find("fox"), s:find("o", 20, true), s:match("(%d+)"))
for w in s:gmatch("%a+") do
	io.write(#w, " ")
end
print()
print((s:gsub("(%w+) (%w+)", "%2 %1")))
print(s:gsub("o", "0", 3))
print(("hello world"):gsub("%w+", { hello = "HI", world = false }))
print(("abc"):gsub("", "-"))
print(("key = value ; k2=v2"):match("^(%w+)%s*=%s*(%w+)"))
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|")
print(("THE (quick) fox"):find("%((%a+)%)"))
print(("f(a(b)c)d"):match("%b()"), ("hello"):match(".-(l+)(.*)"))
print(("x=1, y=22, z=333"):gsub("(%a)=(%d+)", function(k, v) return v .. k end))
print(string.format("%5d|%-5d|%05.1f|%x|%X|%o|%e|%g|%g", 42, 42, 3.14159, 255, 255, 8, 12345.678, 1e20, 0.1))
print(string.format("%q", 'a "quoted"\n\0string'))
print(string.format("%10.3s|%-10s|%c%c%c", "abcdef", "left", 76, 117, 97))
print(string.format("%.14g %.3f %a", 2 ^ 53, -0.0005, 1.0))
print(string.byte("ABC", 1, -1), string.char(72, 105))
print(("%d items"):format(7), tostring(1e100), tostring(-0.0), 2 ^ 63, math.mininteger)
print(string.reverse("stressed"), ("a,b,,c"):find(",,"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"))
for p, c in utf8.codes("aä€") do
	io.write(p, ":", c, " ")
end
print()
local packed = string.pack("<i4 d s1", -2, 1.5, "hey")
print(#packed, string.unpack("<i4 d s1", packed))

-- Integers and floats, math library.
section("math")
print(7 // 2, 7.0 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 % 2, 2 ^ 10, 10 / 4)
print(math.maxinteger + 1 == math.mininteger, math.type(1), math.type(1.0), math.type("1"))
print(1 << 62, 0xff >> 4, 5 & 3, 5 | 3, 5 ~ 3, ~0)
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-4), math.max(3, 9, 1), math.min(3, 9, 1))
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(0.5))
print(math.exp(1), math.log(100, 10), math.log(8, 2), math.log(2.5))
print(math.fmod(7, 3), math.fmod(-7, 3), math.modf(3.7), math.modf(-3.7))
print(math.huge, -math.huge, math.pi, math.tointeger(3.0), math.tointeger(3.5))
print(math.ult(1, -1), 3 == 3.0, tonumber("0x10"), tonumber("10", 2), tonumber("z", 36))
print(tonumber("  12.5e2 "), tonumber("1e"), tostring(0 / 0) == tostring(0 / 0))
print(string.format("%.17g", 0.1 + 0.2), 1e15, 1e16, 123456789012345678)
math.randomseed(42)
local r = {}
for i = 1, 8 do
	r[i] = math.random(1, 1000)
end
print(table.concat(r, " "))
local acc = 0
for i = 1, 100000 do
	acc = acc + math.sin(i) * math.sqrt(i)
end
print(string.format("%.6f", acc))

-- Coroutines: generators, passing values both ways, status, wrap, errors.
section("coroutines")
local function gen(n)
	return coroutine.wrap(function()
		for i = 1, n do
			coroutine.yield(i * i)
		end
	end)
end
local squares = {}
for v in gen(6) do
	squares[#squares + 1] = v
end
print(table.concat(squares, ","))
local co = coroutine.create(function(x, y)
	print("start", x, y)
	local z = coroutine.yield(x + y)
	print("got", z)
	local w, u = coroutine.yield(z * 2)
	return w + u, "done"
end)
print(coroutine.status(co), coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))
local bad = coroutine.create(function() error("inside") end)
print(coroutine.resume(bad))
print(coroutine.isyieldable(), coroutine.running() ~= nil)
-- A producer and a filter and a consumer.
local function producer()
	return coroutine.create(function()
		for _, w in ipairs({ "one", "two", "three", "four", "five" }) do
			coroutine.yield(w)
		end
	end)
end
local function filter(p)
	return coroutine.create(function()
		while true do
			local _, w = coroutine.resume(p)
			if not w then break end
			if #w > 3 then coroutine.yield(w:upper()) end
		end
	end)
end
local f = filter(producer())
while true do
	local _, w = coroutine.resume(f)
	if not w then break end
	io.write(w, " ")
end
print()

-- Errors: error/pcall/xpcall, error objects, levels, assert, tostring.
section("errors")
print(pcall(error, "plain"))
local ok, e = pcall(error, { code = 7 })
print(ok, type(e), e.code)
print(pcall(function() error("with level", 1) end))
print(pcall(function() error("no position", 0) end))
print(pcall(function() local x = nil; return x.field end))
print(pcall(function() return 1 + {} end))
print(pcall(function() return #5 end))
print(select(2, pcall(assert, false, "assert message")))
print(pcall(assert, 1, 2))
print(xpcall(function() error("handled") end, function(m) return "handler: " .. m end))
print(xpcall(function(a, b) return a * b end, print, 6, 7))
print(pcall(string.rep))
print(pcall(string.format, "%d", 1.5))
print(pcall(setmetatable, 1, {}))
local function deep(n)
	if n == 0 then error("bottom") end
	return deep(n - 1)
end
print(pcall(deep, 50))
print(pcall(load, "return +"))
print(load("return +"))
print(load("return 6 * 7")())
local env = { x = 5 }
print(load("return x * 2", "chunk", "t", env)())
local errobj = setmetatable({}, { __tostring = function() return "custom error" end })
print(tostring(select(2, pcall(error, errobj))))
local closed = {}
do
	local ok2, msg = pcall(function()
		local c <close> = setmetatable({}, { __close = function() closed[#closed + 1] = "closed" end })
		error("after close var")
	end)
	print(ok2, msg, closed[1])
end

-- File I/O: write a file, read it back in several ways, seek, append.
section("files")
local path = dir .. "/lua-test.txt"
local fh = assert(io.open(path, "w"))
for i = 1, 100 do
	fh:write(string.format("line %03d %s\n", i, string.rep("x", i % 7)))
end
fh:write("last line without newline")
print(fh:seek("cur"), fh:seek("end"))
fh:close()
print(io.type(fh), io.type(io.stdout), io.type(42))
fh = assert(io.open(path, "r"))
local n, bytes = 0, 0
for line in fh:lines() do
	n = n + 1
	bytes = bytes + #line
end
print(n, bytes)
fh:seek("set", 0)
print(fh:read("l"))
print(fh:read("n"), fh:read(4), fh:read("L"))
print(fh:seek("set", 9), fh:read(5))
local all = fh:seek("set") and fh:read("a")
print(#all, all:sub(-9), fh:read("a") == "", fh:read("l"))
fh:close()
fh = assert(io.open(path, "a"))
fh:write("\nappended 1\n", 2, " ", 3.5, "\n")
fh:close()
local lines = {}
for line in io.lines(path) do
	lines[#lines + 1] = line
end
print(#lines, lines[#lines - 1], lines[#lines])
print(io.open(dir .. "/no/such/file"))
print(pcall(io.lines, dir .. "/no/such/file"))
local bin = assert(io.open(dir .. "/lua-bin", "wb"))
local blob = {}
for i = 0, 255 do
	blob[#blob + 1] = string.char(i)
end
bin:write(table.concat(blob):rep(4))
bin:close()
bin = assert(io.open(dir .. "/lua-bin", "rb"))
local data = bin:read("a")
bin:close()
print(#data, data:byte(1), data:byte(256), data:byte(-1))
print(os.remove(dir .. "/lua-bin"), os.rename(path, path .. ".old"))
print(io.open(path), io.open(path .. ".old") ~= nil)
print(os.remove(path .. ".old"))
print(select("#", os.remove(path .. ".old")))

-- os and misc.
section("misc")
print(os.getenv("LUA_TEST_NO_SUCH_VARIABLE"), type(os.time()), type(os.clock()))
print(os.time({ year = 2020, month = 1, day = 1, hour = 12 }) - os.time({ year = 2019, month = 1, day = 1, hour = 12 }))
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print(type(print), type(nil), type({}), type("s"), type(2), type(co))
print(rawequal(t, t), rawlen({ 1, 2, 3 }), next({}), #arg >= 0)
print(string.format("%s", 12), 10 == "10", "10" + 5, "3" * "4", 10 .. 20)
local gc = collectgarbage("count") > 0
collectgarbage()
print(gc, collectgarbage("isrunning"))
print(_VERSION, math.pi == 3.141592653589793)
print("done")
