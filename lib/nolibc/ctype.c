/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: character classification in the C locale (7-bit ASCII). */
#include <ctype.h>

int isascii(int c)
{
	return (unsigned int)c < 128;
}

int isdigit(int c)
{
	return (unsigned int)c - '0' < 10;
}

int islower(int c)
{
	return (unsigned int)c - 'a' < 26;
}

int isupper(int c)
{
	return (unsigned int)c - 'A' < 26;
}

int isalpha(int c)
{
	return islower(c) || isupper(c);
}

int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

int isxdigit(int c)
{
	return isdigit(c) || (unsigned int)(c | 0x20) - 'a' < 6;
}

int isblank(int c)
{
	return c == ' ' || c == '\t';
}

int isspace(int c)
{
	return c == ' ' || (unsigned int)c - '\t' < 5;
}

int iscntrl(int c)
{
	return (unsigned int)c < 0x20 || c == 0x7f;
}

int isprint(int c)
{
	return (unsigned int)c - 0x20 < 0x5f;
}

int isgraph(int c)
{
	return (unsigned int)c - 0x21 < 0x5e;
}

int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

int tolower(int c)
{
	return isupper(c) ? c + ('a' - 'A') : c;
}

int toupper(int c)
{
	return islower(c) ? c - ('a' - 'A') : c;
}

int toascii(int c)
{
	return c & 0x7f;
}
