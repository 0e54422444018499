/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9p: tests of message encoding and decoding against a scripted
 * transport ("uk9p-test"): it keeps the last request and answers with the
 * reply the test prepared, scattered over the reply buffers as a device
 * would. Runs on every platform.
 */
#include <errno.h>
#include <string.h>
#include <uk/9p.h>
#include <uk/test.h>
#include <uk/plat/time.h>

static uint8_t req[512];		/* the last request, gathered */
static size_t reqlen;
static uint8_t rep[512];		/* the next reply */
static size_t replen;
static int fix_tag = 1;		/* copy the request's tag into the reply */
static int silent;		/* the server never answers */

static int fake_submit(struct uk_9p_trans *t, const struct uk_9p_iov *out,
		       unsigned int nout, const struct uk_9p_iov *in,
		       unsigned int nin)
{
	size_t off = 0, i;

	(void)t;
	reqlen = 0;
	for (i = 0; i < nout; i++) {
		size_t n = out[i].len;

		if (reqlen + n > sizeof(req))
			n = sizeof(req) - reqlen;
		memcpy(req + reqlen, out[i].base, n);
		reqlen += n;
	}
	if (fix_tag) {
		rep[5] = req[5];
		rep[6] = req[6];
	}
	for (i = 0; i < nin && off < replen; i++) {
		size_t n = replen - off < in[i].len ? replen - off : in[i].len;

		memcpy(in[i].base, rep + off, n);
		off += n;
	}
	return 0;
}

/* The reply is there at once; no interrupt. */
static ssize_t fake_poll(struct uk_9p_trans *t)
{
	(void)t;
	return silent ? 0 : (ssize_t)replen;
}

static const struct uk_9p_trans_ops fake_ops = {
	.submit = fake_submit,
	.poll = fake_poll,
};

static struct uk_9p_trans fake = {
	.tag = "uk9p-test",
	.name = "test",
	.ops = &fake_ops,
};

/* Reply builder */
static void r_begin(uint8_t type)
{
	memset(rep, 0, sizeof(rep));
	rep[4] = type;
	replen = 7;
}

static void r_le(uint64_t v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rep[replen++] = (uint8_t)(v >> (8 * i));
}

static void r_str(const char *s)
{
	r_le(strlen(s), 2);
	memcpy(rep + replen, s, strlen(s));
	replen += strlen(s);
}

static void r_qid(uint8_t type, uint64_t path)
{
	r_le(type, 1);
	r_le(0, 4);
	r_le(path, 8);
}

static void r_end(void)
{
	rep[0] = (uint8_t)replen;
	rep[1] = (uint8_t)(replen >> 8);
}

static uint64_t q_le(size_t off, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | req[off + n];
	return v;
}

static struct uk_9p_client *connect_fake(uint32_t server_msize)
{
	struct uk_9p_client *c = NULL;

	if (!uk_9p_trans_find("uk9p-test"))
		uk_9p_trans_register(&fake);
	fix_tag = 1;
	r_begin(101);
	r_le(server_msize, 4);
	r_str("9P2000.L");
	r_end();
	if (uk_9p_connect("uk9p-test", 65536, &c))
		return NULL;
	return c;
}

UK_TESTCASE(uk9p, version_is_encoded_and_msize_negotiated)
{
	struct uk_9p_client *c = connect_fake(16384);

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	/* size[4] Tversion[1] NOTAG[2] msize[4] "9P2000.L"[2+8] */
	UK_TEST_EXPECT_EQ(reqlen, 7 + 4 + 2 + 8);
	UK_TEST_EXPECT_EQ(q_le(0, 4), reqlen);
	UK_TEST_EXPECT_EQ(req[4], 100);
	UK_TEST_EXPECT_EQ(q_le(5, 2), 0xffff);
	UK_TEST_EXPECT_EQ(q_le(7, 4), 65536);
	UK_TEST_EXPECT_MEMEQ(req + 13, "9P2000.L", 8);
	UK_TEST_EXPECT_EQ(uk_9p_msize(c), 16384);
	UK_TEST_EXPECT_EQ(uk_9p_iounit(c), 16384 - 31);
	uk_9p_disconnect(c);
}

UK_TESTCASE(uk9p, connect_errors)
{
	struct uk_9p_client *c, *c2;

	UK_TEST_EXPECT_EQ(uk_9p_connect("no-such-tag", 0, &c), -ENODEV);
	c = connect_fake(8192);
	UK_TEST_EXPECT_NOT_NULL(c);
	UK_TEST_EXPECT_EQ(uk_9p_connect("uk9p-test", 0, &c2), -EBUSY);
	uk_9p_disconnect(c);
	/* A server that speaks another dialect */
	r_begin(101);
	r_le(8192, 4);
	r_str("9P2000.u");
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_connect("uk9p-test", 0, &c2),
			  -EPROTONOSUPPORT);
}

UK_TESTCASE(uk9p, rlerror_gives_minus_errno)
{
	struct uk_9p_client *c = connect_fake(8192);
	const char *names[] = { "missing" };
	uint32_t fid;

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	r_begin(7);
	r_le(ENOENT, 4);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_walk(c, 0, &fid, 1, names, NULL), -ENOENT);
	/* Twalk fid[4] newfid[4] nwname[2] name[s] */
	UK_TEST_EXPECT_EQ(req[4], 110);
	UK_TEST_EXPECT_EQ(q_le(15, 2), 1);
	UK_TEST_EXPECT_EQ(q_le(17, 2), 7);
	UK_TEST_EXPECT_MEMEQ(req + 19, "missing", 7);
	r_begin(7);
	r_le(EACCES, 4);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_unlinkat(c, 0, "x", 0), -EACCES);
	uk_9p_disconnect(c);
}

UK_TESTCASE(uk9p, partial_walk_is_enoent_and_frees_the_fid)
{
	struct uk_9p_client *c = connect_fake(8192);
	const char *names[] = { "a", "b" };
	struct uk_9p_qid q;
	uint32_t fid, f1, f2;

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	f1 = uk_9p_fid_alloc(c);
	uk_9p_fid_free(c, f1);
	r_begin(111);
	r_le(1, 2);
	r_qid(0x80, 42);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_walk(c, 0, &fid, 2, names, &q), -ENOENT);
	f2 = uk_9p_fid_alloc(c);
	UK_TEST_EXPECT_EQ(f1, f2);
	uk_9p_fid_free(c, f2);
	/* The whole walk: the last qid */
	r_begin(111);
	r_le(2, 2);
	r_qid(0x80, 42);
	r_qid(0, 43);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_walk(c, 0, &fid, 2, names, &q), 0);
	UK_TEST_EXPECT_EQ(q.path, 43);
	UK_TEST_EXPECT_EQ(q.type, 0);
	UK_TEST_EXPECT_EQ(q_le(11, 4), fid);
	uk_9p_disconnect(c);
}

UK_TESTCASE(uk9p, read_lands_in_the_callers_buffer)
{
	struct uk_9p_client *c = connect_fake(8192);
	char buf[16];

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	memset(buf, 0, sizeof(buf));
	r_begin(117);
	r_le(5, 4);
	memcpy(rep + replen, "hello", 5);
	replen += 5;
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_read(c, 3, 1000, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEMEQ(buf, "hello", 5);
	/* Tread fid[4] offset[8] count[4] */
	UK_TEST_EXPECT_EQ(req[4], 116);
	UK_TEST_EXPECT_EQ(q_le(7, 4), 3);
	UK_TEST_EXPECT_EQ(q_le(11, 8), 1000);
	UK_TEST_EXPECT_EQ(q_le(19, 4), sizeof(buf));
	/* A count larger than asked for is a protocol error */
	r_begin(117);
	r_le(100, 4);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_read(c, 3, 0, buf, 4), -EPROTO);
	uk_9p_disconnect(c);
}

UK_TESTCASE(uk9p, write_sends_the_data_after_the_header)
{
	struct uk_9p_client *c = connect_fake(8192);

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	r_begin(119);
	r_le(4, 4);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_write(c, 9, 7, "data", 4), 4);
	UK_TEST_EXPECT_EQ(reqlen, 23 + 4);
	UK_TEST_EXPECT_EQ(q_le(0, 4), 27);
	UK_TEST_EXPECT_EQ(q_le(19, 4), 4);
	UK_TEST_EXPECT_MEMEQ(req + 23, "data", 4);
	uk_9p_disconnect(c);
}

UK_TESTCASE(uk9p, bad_replies_are_eproto)
{
	struct uk_9p_client *c = connect_fake(8192);
	struct uk_9p_attr a;

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	/* Wrong tag */
	fix_tag = 0;
	r_begin(121);
	rep[5] = 0x55;
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_clunk(c, 1), -EPROTO);
	fix_tag = 1;
	/* Wrong type */
	r_begin(13);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_clunk(c, 1), -EPROTO);
	/* Too short for its fields */
	r_begin(25);
	r_le(0, 8);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_getattr(c, 1, UK_9P_GETATTR_BASIC, &a),
			  -EPROTO);
	uk_9p_disconnect(c);
}

/* A size field beyond what the transport delivered: the rest of the
 * buffer is stale, not the server's. */
UK_TESTCASE(uk9p, size_field_past_the_reply_is_eproto)
{
	struct uk_9p_client *c = connect_fake(8192);
	char buf[16];

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	r_begin(117);
	r_le(12, 4);
	memcpy(rep + replen, "hello", 5);
	replen += 5;
	r_end();
	rep[0] = 7 + 4 + 12;	/* claims 12 bytes of data, 5 came */
	UK_TEST_EXPECT_EQ(uk_9p_read(c, 3, 0, buf, sizeof(buf)), -EPROTO);
	/* a header-only reply claiming a longer one */
	r_begin(121);
	r_end();
	rep[0] = 30;
	UK_TEST_EXPECT_EQ(uk_9p_clunk(c, 1), -EPROTO);
	uk_9p_disconnect(c);
}

/* Rlerror carries Linux's numbers: they become the C library's (under
 * newlib ENOTEMPTY is 90, Linux's 39 is EL3HLT there). */
UK_TESTCASE(uk9p, rlerror_linux_numbers_are_translated)
{
	struct uk_9p_client *c = connect_fake(8192);
	static const struct { uint32_t lnx; int err; } t[] = {
		{ 39, ENOTEMPTY }, { 95, EOPNOTSUPP }, { 36, ENAMETOOLONG },
		{ 40, ELOOP }, { 18, EXDEV }, { 116, ESTALE }, { 2, ENOENT },
		{ 0, EIO }, { 250, EIO },
	};
	size_t i;

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r_begin(7);
		r_le(t[i].lnx, 4);
		r_end();
		UK_TEST_EXPECT_EQ(uk_9p_unlinkat(c, 0, "x", 0), -t[i].err);
	}
	uk_9p_disconnect(c);
}

/* A server that never answers: EIO after uk9p.timeout_ms, and the
 * client stays dead (its request is still the transport's). */
UK_TESTCASE(uk9p, silent_server_times_out)
{
	struct uk_9p_client *c = connect_fake(8192);
	unsigned int old;
	uint64_t t0;

	UK_TEST_EXPECT_NOT_NULL(c);
	if (!c)
		return;
	old = uk_9p_timeout_set(100);
	silent = 1;
	t0 = ukplat_monotonic_clock();
	UK_TEST_EXPECT_EQ(uk_9p_clunk(c, 1), -EIO);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 >= 100000000ULL);
	UK_TEST_EXPECT(ukplat_monotonic_clock() - t0 < 5000000000ULL);
	silent = 0;
	r_begin(121);
	r_end();
	UK_TEST_EXPECT_EQ(uk_9p_clunk(c, 1), -EIO);
	uk_9p_timeout_set(old);
	uk_9p_disconnect(c);
	/* the client is not freed; make the test transport usable again */
	UK_TEST_EXPECT_EQ(fake.in_use, 1);
	fake.in_use = 0;
	fake.client = NULL;
}

UK_TESTCASE(uk9p, dirents_are_decoded)
{
	uint8_t b[64];
	struct uk_9p_dirent de;
	size_t pos = 0, n = 0;

	/* qid[13] offset[8] type[1] name[s] */
	memset(b, 0, sizeof(b));
	b[0] = 0x80;
	b[5] = 7;		/* qid.path 7 */
	b[13] = 0x10;		/* offset 16 */
	b[21] = 4;		/* DT_DIR */
	b[22] = 3;
	memcpy(b + 24, "sub", 3);
	n = 27;
	UK_TEST_EXPECT_EQ(uk_9p_dirent_next(b, n, &pos, &de), 1);
	UK_TEST_EXPECT_EQ(de.qid.path, 7);
	UK_TEST_EXPECT_EQ(de.offset, 16);
	UK_TEST_EXPECT_EQ(de.type, 4);
	UK_TEST_EXPECT_STREQ(de.name, "sub");
	UK_TEST_EXPECT_EQ(pos, 27);
	UK_TEST_EXPECT_EQ(uk_9p_dirent_next(b, n, &pos, &de), 0);
	pos = 0;
	UK_TEST_EXPECT_EQ(uk_9p_dirent_next(b, 26, &pos, &de), -EPROTO);
}
