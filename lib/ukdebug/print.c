/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukdebug: kernel message output and hexdump, on the platform console;
 * critical messages on its error console (linuxu: stderr).
 */
#include <stdio.h>
#include <string.h>
#include <uk/print.h>
#include <uk/plat/console.h>

static const char *const level_tag[] = {
	[UK_PRINT_CRIT] = "[crit] ",
	[UK_PRINT_ERR] = "[err]  ",
	[UK_PRINT_WARN] = "[warn] ",
	[UK_PRINT_INFO] = "[info] ",
	[UK_PRINT_DEBUG] = "[dbg]  ",
};

/* One console write per message, so lines from different sources do not
 * interleave mid-line. Longer messages are cut, with a marker. */
void uk_vprintk(int level, const char *libname, const char *file, int line,
		const char *fmt, va_list ap)
{
	char buf[256];
	size_t len = 0, room = sizeof(buf) - 1;
	int n;

	if (level >= UK_PRINT_CRIT && level <= UK_PRINT_DEBUG)
		n = snprintf(buf, room, "%s%s: ", level_tag[level], libname);
	else
		n = snprintf(buf, room, "%s: ", libname);
	len = UK_MIN((size_t)n, room);
	n = vsnprintf(buf + len, room - len, fmt, ap);
	if (n > 0)
		len = UK_MIN(len + (size_t)n, room);
	if (level == UK_PRINT_DEBUG && len < room) {
		n = snprintf(buf + len, room - len, " (%s:%d)", file, line);
		if (n > 0)
			len = UK_MIN(len + (size_t)n, room);
	}
	if (len == room)
		memcpy(buf + room - 4, "...", 3);
	if (len > 0 && buf[len - 1] != '\n')
		buf[len++] = '\n';
	/* Critical messages come before a crash: with its report. */
	if (level == UK_PRINT_CRIT)
		ukplat_cerrk(buf, len);
	else
		ukplat_coutk(buf, len);
}

void uk_printk(int level, const char *libname, const char *file, int line,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	uk_vprintk(level, libname, file, line, fmt, ap);
	va_end(ap);
}

void uk_hexdump(const void *data, size_t len)
{
	const unsigned char *p = data;
	char line[80];

	for (size_t off = 0; off < len; off += 16) {
		size_t n = UK_MIN(len - off, (size_t)16);
		int pos = snprintf(line, sizeof(line), "%08zx ", off);

		for (size_t i = 0; i < 16; i++) {
			if (i == 8)
				line[pos++] = ' ';
			if (i < n)
				pos += snprintf(line + pos, sizeof(line) - pos,
						" %02x", p[off + i]);
			else
				pos += snprintf(line + pos, sizeof(line) - pos,
						"   ");
		}
		pos += snprintf(line + pos, sizeof(line) - pos, "  |");
		for (size_t i = 0; i < n; i++) {
			unsigned char c = p[off + i];

			line[pos++] = (c >= 0x20 && c < 0x7f) ? (char)c : '.';
		}
		line[pos++] = '|';
		line[pos++] = '\n';
		ukplat_coutk(line, (size_t)pos);
	}
}
