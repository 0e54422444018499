/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/uk9p: the 9P2000.L client's decoding of replies. A fake transport
 * answers every request with the next reply of the input:
 *	ctl[1] len[2] bytes[len]
 * ctl bit 0: put the request's tag into the reply, bit 1: its size
 * field, bit 2: the matching R type (so the fuzzer need not guess
 * them); bit 3: the transport fails the request. The first reply
 * answers Tversion; after it, each request is picked by one more byte
 * and its arguments come from the input too. The transport writes the
 * reply into the posted buffers (as a device would, never past them)
 * and poisons the rest: the client must not read bytes that did not
 * come (AddressSanitizer: use-after-poison). Checks: results within
 * what was asked, read counts within the data received, directory
 * entries inside the buffer.
 */
#include <errno.h>
#include <sanitizer/asan_interface.h>
#include <uk/9p.h>
#include <uk/mutex.h>
#include "fuzz.h"

static struct fuzz_in in;
static struct uk_9p_iov posted[2];
static unsigned int nposted;
static ssize_t reply_len;
static size_t data_got;		/* reply bytes in posted[1] */

static void unpoison(void)
{
	for (unsigned int i = 0; i < nposted; i++)
		ASAN_UNPOISON_MEMORY_REGION(posted[i].base, posted[i].len);
	nposted = 0;
}

static int t_submit(struct uk_9p_trans *t, const struct uk_9p_iov *out,
		    unsigned int nout, const struct uk_9p_iov *iv,
		    unsigned int nin)
{
	const uint8_t *req = out[0].base, *r;
	uint8_t ctl = fuzz_u8(&in);
	size_t len = fuzz_u16(&in), got, done = 0, total = 0;
	uint8_t hdr[7];

	(void)t;
	(void)nout;
	unpoison();
	FUZZ_ASSERT(nin >= 1 && nin <= 2, "%u reply buffers", nin);
	for (unsigned int i = 0; i < nin; i++) {
		posted[i] = iv[i];
		total += iv[i].len;
	}
	nposted = nin;
	r = fuzz_bytes(&in, len, &got);
	if (ctl & 8)
		return -EIO;
	/* what the device writes: the reply, cut to the buffers */
	if (got > total)
		got = total;
	memcpy(hdr, r, got < 7 ? got : 7);
	if (ctl & 1) {
		hdr[5] = req[5];
		hdr[6] = req[6];
	}
	if (ctl & 2) {
		hdr[0] = (uint8_t)got;
		hdr[1] = (uint8_t)(got >> 8);
		hdr[2] = hdr[3] = 0;
	}
	if (ctl & 4)
		hdr[4] = req[4] + 1;
	data_got = 0;
	for (unsigned int i = 0; i < nin; i++) {
		size_t n = got - done < iv[i].len ? got - done : iv[i].len;
		uint8_t *b = iv[i].base;

		for (size_t k = 0; k < n; k++)
			b[k] = done + k < 7 ? hdr[done + k] : r[done + k];
		ASAN_POISON_MEMORY_REGION(b + n, iv[i].len - n);
		if (i == 1)
			data_got = n;
		done += n;
	}
	reply_len = (ssize_t)got;
	return 0;
}

static ssize_t t_poll(struct uk_9p_trans *t)
{
	(void)t;
	/* a reply of 0 bytes is what a device says on error */
	return reply_len ? reply_len : -EIO;
}

static const struct uk_9p_trans_ops ops = {
	.submit = t_submit,
	.poll = t_poll,
};

static struct uk_9p_trans trans = {
	.tag = "fz", .name = "fuzz", .ops = &ops,
};

static void name(char *buf, size_t size)
{
	size_t n = fuzz_u8(&in) % size, got;
	const uint8_t *p = fuzz_bytes(&in, n, &got);

	memcpy(buf, p, got);
	buf[got] = '\0';
}

/* Read every byte of @buf: poisoned ones (never received) are caught. */
static unsigned int touch(const void *buf, size_t n)
{
	const volatile uint8_t *p = buf;
	unsigned int sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

static void one_request(struct uk_9p_client *c, uint32_t *fids)
{
	uint8_t op = fuzz_u8(&in);
	uint32_t fid = fids[op >> 5 & 3], nf;
	struct uk_9p_qid q;
	struct uk_9p_attr a;
	struct uk_9p_statfs st;
	struct uk_9p_setattr sa = { .valid = fuzz_u32(&in) };
	struct uk_9p_dirent de;
	char n1[64], n2[64];
	const char *names[UK_9P_MAXWELEM];
	static uint8_t buf[16384];
	uint32_t count, io;
	ssize_t r;
	size_t pos;
	int rc;

	switch (op & 31) {
	case 0:
		name(n1, sizeof(n1));
		rc = uk_9p_attach(c, "fuzz", n1, 0, &nf, &q);
		if (!rc)
			fids[op >> 5 & 3] = nf;
		break;
	case 1:
		count = fuzz_u8(&in) % (UK_9P_MAXWELEM + 1);
		name(n1, sizeof(n1));
		for (uint32_t i = 0; i < count; i++)
			names[i] = n1;
		rc = uk_9p_walk(c, fid, &nf, count, names, &q);
		if (!rc)
			fids[op >> 5 & 3] = nf;
		break;
	case 2:
		uk_9p_lopen(c, fid, fuzz_u32(&in), &q, &io);
		break;
	case 3:
		name(n1, sizeof(n1));
		uk_9p_lcreate(c, fid, n1, 0, 0644, 0, &q, &io);
		break;
	case 4:
	case 5:
		count = fuzz_u16(&in);
		if (count > sizeof(buf))
			count = sizeof(buf);
		r = (op & 31) == 4 ? uk_9p_read(c, fid, 0, buf, count) :
			uk_9p_readdir(c, fid, 0, buf, count);
		FUZZ_ASSERT(r < 0 || (size_t)r <= count,
			    "read %zd of %u bytes", r, count);
		if (r <= 0)
			break;
		FUZZ_ASSERT((size_t)r <= data_got,
			    "read says %zd bytes, %zu came", r, data_got);
		touch(buf, (size_t)r);
		for (pos = 0; (op & 31) == 5 &&
		     uk_9p_dirent_next(buf, (size_t)r, &pos, &de) > 0;)
			FUZZ_ASSERT(pos <= (size_t)r && strlen(de.name) < 256,
				    "entry past the data");
		break;
	case 6:
		count = fuzz_u16(&in);
		if (count > sizeof(buf))
			count = sizeof(buf);
		r = uk_9p_write(c, fid, 0, buf, count);
		FUZZ_ASSERT(r < 0 || (size_t)r <= count,
			    "wrote %zd of %u bytes", r, count);
		break;
	case 7:
		uk_9p_clunk(c, fid);
		break;
	case 8:
		uk_9p_getattr(c, fid, UK_9P_GETATTR_BASIC, &a);
		break;
	case 9:
		uk_9p_setattr(c, fid, &sa);
		break;
	case 10:
		name(n1, sizeof(n1));
		uk_9p_mkdir(c, fid, n1, 0755, 0, &q);
		break;
	case 11:
		name(n1, sizeof(n1));
		uk_9p_unlinkat(c, fid, n1, 0);
		break;
	case 12:
		name(n1, sizeof(n1));
		name(n2, sizeof(n2));
		uk_9p_renameat(c, fid, n1, fids[0], n2);
		break;
	case 13:
		name(n1, sizeof(n1));
		name(n2, sizeof(n2));
		uk_9p_symlink(c, fid, n1, n2, 0, &q);
		break;
	case 14:
		name(n1, sizeof(n1));
		uk_9p_link(c, fid, fids[0], n1);
		break;
	case 15:
		count = fuzz_u8(&in);
		r = uk_9p_readlink(c, fid, n1, count % sizeof(n1));
		FUZZ_ASSERT(r < 0 || (size_t)r <= count % sizeof(n1),
			    "readlink gave %zd bytes", r);
		break;
	case 16:
		uk_9p_statfs(c, fid, &st);
		break;
	case 17:
		uk_9p_fsync(c, fid);
		break;
	default:
		nf = uk_9p_fid_alloc(c);
		uk_9p_fid_free(c, nf);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int registered;
	struct uk_9p_client *c;
	uint32_t fids[4] = { 0, 1, 2, UK_9P_NOFID };
	uint32_t msize;

	if (!registered) {
		uk_9p_trans_register(&trans);
		registered = 1;
	}
	in.p = data;
	in.len = size;
	nposted = 0;
	reply_len = 0;
	msize = 4096 + (fuzz_u16(&in) & 0x3fff);
	if (!uk_9p_connect("fz", msize, &c)) {
		FUZZ_ASSERT(uk_9p_msize(c) >= 4096 && uk_9p_msize(c) <= msize,
			    "msize %u", uk_9p_msize(c));
		while (fuzz_left(&in))
			one_request(c, fids);
		unpoison();
		uk_9p_disconnect(c);
	}
	/* a failed connect freed the buffers it posted */
	nposted = 0;
	return 0;
}
