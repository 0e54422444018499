# SPDX-License-Identifier: BSD-3-Clause
"""tessera new NAME [--lib]: a new application or library folder."""
import os

import tlib

HELP = "create an application (or with --lib a library) folder"

GITIGNORE = "build/\n.config\n.config.old\n"

APP_MAKEFILE = """\
# Finds the Tessera tree (override with UK_ROOT=/path) and hands over.
UK_ROOT ?= {root}
include $(UK_ROOT)/support/build/app.mk
"""

APP_MAKEFILE_UK = """\
srcs-y += main.c
srcs-$(CONFIG_APP_{SYM}_TEST) += tests/test_{id}.c
"""

APP_CONFIG_UK = """\
config APP_{SYM}_GREETING
	string "Greeting"
	default "Hello"
	help
	  The word {name} greets with ("Hello, world!").

config APP_{SYM}_TEST
	bool "Unit tests instead of main (tessera test)"
	default n
	select LIBUKTEST
	help
	  The image runs the unit tests in tests/ (uktest) instead of the
	  application. 'tessera test' builds it in build/test.
"""

APP_H = """\
/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __{SYM}_H__
#define __{SYM}_H__

#include <stddef.h>

/* Writes "<greeting>, <who>!" into buf; returns its length. */
int {id}_greet(char *buf, size_t len, const char *who);

#endif
"""

APP_MAIN = """\
/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include "{id}.h"
#if CONFIG_APP_{SYM}_TEST
#include <uk/test.h>
#endif

int {id}_greet(char *buf, size_t len, const char *who)
{{
	return snprintf(buf, len, "%s, %s!", CONFIG_APP_{SYM}_GREETING, who);
}}

int main(int argc, char *argv[])
{{
	char line[128];

#if CONFIG_APP_{SYM}_TEST
	/* The test build runs the unit tests (arguments filter them). */
	return uk_test_run(argc - 1, argv + 1) ? 1 : 0;
#endif
	{id}_greet(line, sizeof(line), argc > 1 ? argv[1] : "world");
	printf("%s\\n", line);
	return 0;
}}
"""

APP_TEST = """\
/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>
#include <uk/test.h>
#include "{id}.h"

UK_TESTCASE({id}, greets_by_name)
{{
	char buf[64];
	int n = {id}_greet(buf, sizeof(buf), "you");

	UK_TEST_EXPECT_STREQ(buf, CONFIG_APP_{SYM}_GREETING ", you!");
	UK_TEST_EXPECT_EQ(n, strlen(buf));
}}

UK_TESTCASE({id}, cuts_a_long_name)
{{
	char buf[8];
	int n = {id}_greet(buf, sizeof(buf), "everybody in the room");

	UK_TEST_EXPECT(n >= (int)sizeof(buf));
	UK_TEST_EXPECT_EQ(strlen(buf), sizeof(buf) - 1);
}}
"""

LIB_CONFIG_UK = """\
menuconfig LIB{SYM}
	bool "{name}: what this library is for"
	default n
	help
	  Say what it does, when to turn it on and what it costs.

if LIB{SYM}
config LIB{SYM}_TEST
	bool "Unit tests"
	default n
	select LIBUKTEST
endif
"""

LIB_MAKEFILE_UK = """\
srcs-y += {id}.c
srcs-$(CONFIG_LIB{SYM}_TEST) += tests/test_{id}.c
"""

LIB_H = """\
/* SPDX-License-Identifier: BSD-3-Clause */
/* {name}: the public API (the only header other code includes). */
#ifndef __UK_{SYM}_H__
#define __UK_{SYM}_H__

#include <stddef.h>

/* How many times c occurs in the first n bytes of s. */
size_t {id}_count(const char *s, size_t n, char c);

#endif
"""

LIB_C = """\
/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/{id}.h>

size_t {id}_count(const char *s, size_t n, char c)
{{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}}
"""

LIB_TEST = """\
/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/test.h>
#include <uk/{id}.h>

UK_TESTCASE({id}, counts)
{{
	UK_TEST_EXPECT_EQ({id}_count("banana", 6, 'a'), 3);
	UK_TEST_EXPECT_EQ({id}_count("banana", 3, 'a'), 1);
}}

UK_TESTCASE({id}, counts_nothing_in_nothing)
{{
	UK_TEST_EXPECT_EQ({id}_count("", 0, 'a'), 0);
}}
"""


def main(args):
    return tlib.guard(run, args)


def run(args):
    p = tlib.ArgParser(
        prog="tessera new",
        description="Create an application folder that builds, runs and "
        "passes its unit test at once (or, with --lib, a library with a "
        "unit test). The folder is PATH (its last component is the name), "
        "in the current directory by default, outside the tree; its "
        "Makefile points at this Tessera tree.")
    p.add_argument("path", metavar="NAME", help="name, or path/to/NAME")
    p.add_argument("--lib", action="store_true",
                   help="a library (use it from an app with L=)")
    a = p.parse_args(args)

    path = os.path.abspath(a.path)
    name = os.path.basename(path.rstrip("/"))
    tlib.check_name(name, "library" if a.lib else "application")
    if os.path.exists(path) and (not os.path.isdir(path) or os.listdir(path)):
        tlib.fail(f"{path} already exists and is not an empty folder",
                  "choose another name, or remove it first")
    if a.lib and os.path.isdir(os.path.join(tlib.ROOT, "lib", name)):
        tlib.usage_fail(f"the tree already has a library called '{name}' "
                        f"({tlib.ROOT}/lib/{name})",
                        "library names must be unique: choose another")
    i = tlib.ident(name)
    fmt = {"name": name, "id": i, "SYM": i.upper(), "root": tlib.ROOT}
    if a.lib:
        files = {
            "Config.uk": LIB_CONFIG_UK, "Makefile.uk": LIB_MAKEFILE_UK,
            f"include/uk/{i}.h": LIB_H, f"{i}.c": LIB_C,
            f"tests/test_{i}.c": LIB_TEST, ".gitignore": GITIGNORE,
        }
    else:
        files = {
            "Makefile": APP_MAKEFILE, "Makefile.uk": APP_MAKEFILE_UK,
            "Config.uk": APP_CONFIG_UK, f"{i}.h": APP_H,
            "main.c": APP_MAIN, f"tests/test_{i}.c": APP_TEST,
            ".gitignore": GITIGNORE,
        }
    for rel, text in files.items():
        f = os.path.join(path, rel)
        os.makedirs(os.path.dirname(f), exist_ok=True)
        with open(f, "w") as out:
            out.write(text.format(**fmt))
    rel = os.path.relpath(path)
    if a.lib:
        print(f"library {name} in {rel} (option LIB{fmt['SYM']})\n"
              f"  cd {rel} && tessera test          build and run its "
              "unit tests\n"
              f"  in an app: L={path} and tessera build "
              f"--set LIB{fmt['SYM']}=y")
    else:
        print(f"application {name} in {rel} (tree {tlib.ROOT})\n"
              f"  cd {rel} && tessera build && tessera run -- you\n"
              "  tessera test                        its unit tests")
    return 0
