/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc unit tests: string.h and strings.h functions. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uk/test.h>

UK_TESTCASE(nolibc, memcpy_all_sizes_and_offsets)
{
	unsigned char src[300], dst[300], ref[300];
	size_t n, off;
	int bad = 0;

	for (n = 0; n < sizeof(src); n++)
		src[n] = (unsigned char)(n * 7 + 3);
	for (off = 0; off < 8; off++) {
		for (n = 0; n + off < 200; n += 13) {
			memset(dst, 0xaa, sizeof(dst));
			memset(ref, 0xaa, sizeof(ref));
			memcpy(dst + off, src + 3, n);
			for (size_t i = 0; i < n; i++)
				ref[off + i] = src[3 + i];
			bad |= memcmp(dst, ref, sizeof(dst)) != 0;
		}
	}
	UK_TEST_EXPECT_EQ(bad, 0);
	UK_TEST_EXPECT(memcpy(dst, src, 0) == dst);
}

UK_TESTCASE(nolibc, memmove_overlapping)
{
	char buf[128];
	int i, bad = 0;

	for (i = 0; i < 128; i++)
		buf[i] = (char)i;
	memmove(buf + 5, buf, 100);	/* upwards */
	for (i = 0; i < 100; i++)
		bad |= buf[5 + i] != (char)i;
	for (i = 0; i < 128; i++)
		buf[i] = (char)i;
	memmove(buf, buf + 9, 100);	/* downwards */
	for (i = 0; i < 100; i++)
		bad |= buf[i] != (char)(i + 9);
	UK_TEST_EXPECT_EQ(bad, 0);
	memcpy(buf, "abcdef", 7);
	memmove(buf + 1, buf, 3);
	UK_TEST_EXPECT_STREQ(buf, "aabcef");
}

UK_TESTCASE(nolibc, memset_fills_exactly)
{
	char buf[200];
	int i, bad = 0;

	memset(buf, 'x', sizeof(buf));
	memset(buf + 3, 0x41, 150);
	for (i = 0; i < 200; i++)
		bad |= buf[i] != ((i >= 3 && i < 153) ? 'A' : 'x');
	UK_TEST_EXPECT_EQ(bad, 0);
	memset(buf, 0x1ff, 4);	/* converted to unsigned char */
	UK_TEST_EXPECT_EQ((unsigned char)buf[0], 0xff);
	UK_TEST_EXPECT(memset(buf, 0, 0) == buf);
}

UK_TESTCASE(nolibc, memcmp_sign_and_length)
{
	UK_TEST_EXPECT_EQ(memcmp("abc", "abc", 3), 0);
	UK_TEST_EXPECT(memcmp("abc", "abd", 3) < 0);
	UK_TEST_EXPECT(memcmp("abd", "abc", 3) > 0);
	UK_TEST_EXPECT(memcmp("\x80", "\x01", 1) > 0);	/* unsigned */
	UK_TEST_EXPECT_EQ(memcmp("abc", "xyz", 0), 0);
	UK_TEST_EXPECT_EQ(memcmp("0123456789abcdefX", "0123456789abcdefX", 17),
			  0);
	UK_TEST_EXPECT(memcmp("0123456789abcdefX", "0123456789abcdefY", 17)
		       < 0);
}

UK_TESTCASE(nolibc, memchr_memrchr)
{
	const char s[] = "hello world";

	UK_TEST_EXPECT(memchr(s, 'o', sizeof(s)) == s + 4);
	UK_TEST_EXPECT(memrchr(s, 'o', sizeof(s)) == s + 7);
	UK_TEST_EXPECT_NULL(memchr(s, 'z', sizeof(s)));
	UK_TEST_EXPECT_NULL(memchr(s, 'o', 4));
	UK_TEST_EXPECT(memchr(s, '\0', sizeof(s)) == s + 11);
	UK_TEST_EXPECT_NULL(memrchr(s, 'h', 0));
}

UK_TESTCASE(nolibc, strlen_strnlen)
{
	char buf[64];
	int off, len, bad = 0;

	UK_TEST_EXPECT_EQ(strlen(""), 0);
	UK_TEST_EXPECT_EQ(strlen("abc"), 3);
	/* Every start alignment and length around word boundaries. */
	for (off = 0; off < 8; off++) {
		for (len = 0; len < 40; len++) {
			memset(buf, 'a', sizeof(buf));
			buf[off + len] = '\0';
			bad |= strlen(buf + off) != (size_t)len;
		}
	}
	UK_TEST_EXPECT_EQ(bad, 0);
	UK_TEST_EXPECT_EQ(strnlen("abcdef", 3), 3);
	UK_TEST_EXPECT_EQ(strnlen("ab", 10), 2);
	UK_TEST_EXPECT_EQ(strnlen("ab", 0), 0);
}

UK_TESTCASE(nolibc, strcpy_family)
{
	char buf[16];

	UK_TEST_EXPECT(strcpy(buf, "abc") == buf);
	UK_TEST_EXPECT_STREQ(buf, "abc");
	UK_TEST_EXPECT(stpcpy(buf, "xy") == buf + 2);
	memset(buf, 'z', sizeof(buf));
	strncpy(buf, "ab", 5);
	UK_TEST_EXPECT_MEMEQ(buf, "ab\0\0\0zz", 7);
	strncpy(buf, "abcdef", 3);
	UK_TEST_EXPECT_MEMEQ(buf, "abc\0", 4);
	memset(buf, 'z', sizeof(buf));
	UK_TEST_EXPECT(stpncpy(buf, "ab", 4) == buf + 2);
	UK_TEST_EXPECT(stpncpy(buf, "abcdef", 4) == buf + 4);
}

UK_TESTCASE(nolibc, strlcpy_strlcat)
{
	char buf[8];

	UK_TEST_EXPECT_EQ(strlcpy(buf, "hello world", sizeof(buf)), 11);
	UK_TEST_EXPECT_STREQ(buf, "hello w");
	UK_TEST_EXPECT_EQ(strlcpy(buf, "hi", sizeof(buf)), 2);
	UK_TEST_EXPECT_EQ(strlcat(buf, "there", sizeof(buf)), 7);
	UK_TEST_EXPECT_STREQ(buf, "hithere");
	UK_TEST_EXPECT_EQ(strlcat(buf, "xyz", sizeof(buf)), 10);
	UK_TEST_EXPECT_STREQ(buf, "hithere");
	UK_TEST_EXPECT_EQ(strlcpy(buf, "abc", 0), 3);
	UK_TEST_EXPECT_STREQ(buf, "hithere");
	UK_TEST_EXPECT_EQ(strlcat(buf, "abc", 3), 6);
}

UK_TESTCASE(nolibc, strcat_strncat)
{
	char buf[32] = "foo";

	UK_TEST_EXPECT(strcat(buf, "bar") == buf);
	UK_TEST_EXPECT_STREQ(buf, "foobar");
	strncat(buf, "bazqux", 3);
	UK_TEST_EXPECT_STREQ(buf, "foobarbaz");
	strncat(buf, "!", 10);
	UK_TEST_EXPECT_STREQ(buf, "foobarbaz!");
}

UK_TESTCASE(nolibc, strcmp_strncmp)
{
	UK_TEST_EXPECT_EQ(strcmp("", ""), 0);
	UK_TEST_EXPECT_EQ(strcmp("abc", "abc"), 0);
	UK_TEST_EXPECT(strcmp("abc", "abd") < 0);
	UK_TEST_EXPECT(strcmp("abc", "ab") > 0);
	UK_TEST_EXPECT(strcmp("ab", "abc") < 0);
	UK_TEST_EXPECT(strcmp("\xff", "a") > 0);
	UK_TEST_EXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	UK_TEST_EXPECT(strncmp("abcX", "abcY", 4) < 0);
	UK_TEST_EXPECT_EQ(strncmp("a", "b", 0), 0);
	UK_TEST_EXPECT_EQ(strncmp("ab", "ab", 100), 0);
	UK_TEST_EXPECT_EQ(strcoll("x", "x"), 0);
	UK_TEST_EXPECT(strcoll("a", "b") < 0);
}

UK_TESTCASE(nolibc, strcasecmp_strncasecmp)
{
	UK_TEST_EXPECT_EQ(strcasecmp("HeLLo", "hello"), 0);
	UK_TEST_EXPECT(strcasecmp("apple", "BANANA") < 0);
	UK_TEST_EXPECT(strcasecmp("Zebra", "apple") > 0);
	UK_TEST_EXPECT_EQ(strncasecmp("ABCdef", "abcXYZ", 3), 0);
	UK_TEST_EXPECT(strncasecmp("ABCdef", "abcXYZ", 4) < 0);
	UK_TEST_EXPECT(strcasecmp("ab", "ABC") < 0);
}

UK_TESTCASE(nolibc, strchr_strrchr)
{
	const char *s = "a/b/c";

	UK_TEST_EXPECT(strchr(s, '/') == s + 1);
	UK_TEST_EXPECT(strrchr(s, '/') == s + 3);
	UK_TEST_EXPECT(strchr(s, '\0') == s + 5);
	UK_TEST_EXPECT(strrchr(s, '\0') == s + 5);
	UK_TEST_EXPECT_NULL(strchr(s, 'x'));
	UK_TEST_EXPECT_NULL(strrchr(s, 'x'));
	UK_TEST_EXPECT(strchr(s, 'a' + 256) == s);	/* converted to char */
}

UK_TESTCASE(nolibc, strstr_finds_first)
{
	const char *h = "abababc";

	UK_TEST_EXPECT(strstr(h, "abc") == h + 4);
	UK_TEST_EXPECT(strstr(h, "ab") == h);
	UK_TEST_EXPECT(strstr(h, "") == h);
	UK_TEST_EXPECT_NULL(strstr(h, "abcd"));
	UK_TEST_EXPECT_NULL(strstr("", "a"));
	UK_TEST_EXPECT(strstr("aaab", "aab") != NULL);
}

UK_TESTCASE(nolibc, strspn_strcspn_strpbrk)
{
	UK_TEST_EXPECT_EQ(strspn("123abc", "0123456789"), 3);
	UK_TEST_EXPECT_EQ(strspn("abc", ""), 0);
	UK_TEST_EXPECT_EQ(strcspn("hello, world", ",;"), 5);
	UK_TEST_EXPECT_EQ(strcspn("hello", ""), 5);
	UK_TEST_EXPECT_STREQ(strpbrk("key=value", "=:"), "=value");
	UK_TEST_EXPECT_NULL(strpbrk("abc", "xyz"));
	UK_TEST_EXPECT_EQ(strspn("\xff\xfe" "a", "\xfe\xff"), 2);
}

UK_TESTCASE(nolibc, strtok_and_strtok_r)
{
	char buf[] = "  one, two;;three ";
	char buf2[] = "a:b";
	char *save;

	UK_TEST_EXPECT_STREQ(strtok(buf, " ,;"), "one");
	UK_TEST_EXPECT_STREQ(strtok(NULL, " ,;"), "two");
	UK_TEST_EXPECT_STREQ(strtok(NULL, " ,;"), "three");
	UK_TEST_EXPECT_NULL(strtok(NULL, " ,;"));
	UK_TEST_EXPECT_NULL(strtok(NULL, " ,;"));
	UK_TEST_EXPECT_STREQ(strtok_r(buf2, ":", &save), "a");
	UK_TEST_EXPECT_STREQ(strtok_r(NULL, ":", &save), "b");
	UK_TEST_EXPECT_NULL(strtok_r(NULL, ":", &save));
}

UK_TESTCASE(nolibc, strsep_keeps_empty_fields)
{
	char buf[] = "a,,b";
	char *p = buf;

	UK_TEST_EXPECT_STREQ(strsep(&p, ","), "a");
	UK_TEST_EXPECT_STREQ(strsep(&p, ","), "");
	UK_TEST_EXPECT_STREQ(strsep(&p, ","), "b");
	UK_TEST_EXPECT_NULL(p);
	UK_TEST_EXPECT_NULL(strsep(&p, ","));
}

UK_TESTCASE(nolibc, strdup_strndup)
{
	char *a = strdup("duplicate");
	char *b = strndup("duplicate", 3);
	char *c = strndup("ab", 10);

	UK_TEST_EXPECT_STREQ(a, "duplicate");
	UK_TEST_EXPECT_STREQ(b, "dup");
	UK_TEST_EXPECT_STREQ(c, "ab");
	free(a);
	free(b);
	free(c);
}

UK_TESTCASE(nolibc, strxfrm_c_locale)
{
	char buf[8];

	UK_TEST_EXPECT_EQ(strxfrm(buf, "abc", sizeof(buf)), 3);
	UK_TEST_EXPECT_STREQ(buf, "abc");
	UK_TEST_EXPECT_EQ(strxfrm(NULL, "abcdef", 0), 6);
}

UK_TESTCASE(nolibc, ffs_bits)
{
	UK_TEST_EXPECT_EQ(ffs(0), 0);
	UK_TEST_EXPECT_EQ(ffs(1), 1);
	UK_TEST_EXPECT_EQ(ffs(0x80), 8);
	UK_TEST_EXPECT_EQ(ffs((int)0x80000000u), 32);
	UK_TEST_EXPECT_EQ(ffsll(1LL << 40), 41);
}
