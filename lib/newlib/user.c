/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Users and groups, which newlib declares but leaves to the system. The one
 * process of an image runs as root (user and group 0): nothing is withheld
 * from it. Owners of files are the file system's (vfscore's chown family);
 * names come from /etc/passwd on the root file system, as with musl.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uk/config.h>

/* posix-sysinfo, when selected, has the ids as system calls (and
 * lets them change). */
#if !CONFIG_LIBPOSIX_SYSINFO
uid_t getuid(void)
{
	return 0;
}

uid_t geteuid(void)
{
	return 0;
}

gid_t getgid(void)
{
	return 0;
}

gid_t getegid(void)
{
	return 0;
}
#endif

/* One line of /etc/passwd, split in place (getpwnam() and getpwuid()). */
static struct passwd pw;
static char pw_line[1024];

/*
 * Split "name:passwd:uid:gid:gecos:dir:shell" into @pw; 0 for a line of
 * another shape (a field missing, a number that is none).
 */
static int pw_parse(char *line)
{
	char *field[7], *end;
	unsigned long id[2];
	int i;

	for (i = 0; i < 7; i++) {
		field[i] = line;
		line = strchr(line, ':');
		if (i < 6 && !line)
			return 0;
		if (line)
			*line++ = '\0';
	}
	for (i = 0; i < 2; i++) {
		errno = 0;
		id[i] = strtoul(field[2 + i], &end, 10);
		if (!*field[2 + i] || *end || errno || id[i] > (uid_t)-1)
			return 0;
	}
	pw.pw_name = field[0];
	pw.pw_passwd = field[1];
	pw.pw_uid = (uid_t)id[0];
	pw.pw_gid = (gid_t)id[1];
	pw.pw_comment = "";
	pw.pw_gecos = field[4];
	pw.pw_dir = field[5];
	pw.pw_shell = field[6];
	return 1;
}

/* The first entry of /etc/passwd with @name, or else with @uid. */
static struct passwd *pw_find(const char *name, uid_t uid)
{
	struct passwd *found = NULL;
	int saved = errno;
	FILE *f;

	f = fopen("/etc/passwd", "r");
	if (!f) {
		/* No user database: not found, which is no error. */
		errno = saved;
		return NULL;
	}
	while (!found && fgets(pw_line, sizeof(pw_line), f)) {
		size_t n = strlen(pw_line);
		int c;

		if (n && pw_line[n - 1] == '\n') {
			pw_line[n - 1] = '\0';
		} else if (!feof(f)) {
			/* Longer than the buffer: skip it whole. */
			do
				c = getc(f);
			while (c != EOF && c != '\n');
			continue;
		}
		if (!pw_parse(pw_line))
			continue;
		if (name ? !strcmp(pw.pw_name, name) : pw.pw_uid == uid)
			found = &pw;
	}
	fclose(f);
	errno = saved;
	return found;
}

struct passwd *getpwnam(const char *name)
{
	if (!name) {
		errno = EINVAL;
		return NULL;
	}
	return pw_find(name, 0);
}

struct passwd *getpwuid(uid_t uid)
{
	return pw_find(NULL, uid);
}
