/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9p: the 9P2000.L client. Messages are little-endian: size[4] type[1]
 * tag[2] and the fields of the type; strings are len[2] bytes, qids
 * type[1] version[4] path[8]. One request is in flight per client (a
 * mutex), in a request buffer and a reply buffer of msize bytes each;
 * the caller sleeps (scheduler) or halts (none) until the reply comes;
 * read and write data goes straight between the caller's buffer and the
 * transport as a second buffer of the message.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/9p.h>
#include <uk/mutex.h>
#include <uk/print.h>
#include <uk/plat/lcpu.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#include <uk/wait.h>
#endif

/* Message types (T is even, R is T + 1) */
#define RLERROR		7
#define TSTATFS		8
#define TLOPEN		12
#define TLCREATE	14
#define TSYMLINK	16
#define TREADLINK	22
#define TGETATTR	24
#define TSETATTR	26
#define TREADDIR	40
#define TFSYNC		50
#define TLINK		70
#define TMKDIR		72
#define TRENAMEAT	74
#define TUNLINKAT	76
#define TVERSION	100
#define TATTACH		104
#define TWALK		110
#define TREAD		116
#define TWRITE		118
#define TCLUNK		120

#define NOTAG		0xffff
#define HDR		7		/* size[4] type[1] tag[2] */
#define IOHDR		(HDR + 4 + 8 + 4)	/* Twrite: fid offset count */
#define QIDLEN		13
#define VERSION		"9P2000.L"
#define WAIT_NS		10000000ULL	/* longest wait between looks */

struct uk_9p_client {
	struct uk_9p_trans *t;
	struct uk_mutex lock;
	uint32_t msize;
	uint16_t next_tag;
	uint8_t *tx, *rx;
	size_t txpos;		/* bytes of the request built so far */
	size_t rxlen, rxpos;	/* reply bytes received / decoded */
	size_t rsize;		/* the whole reply's size, as received */
	int err;		/* a field did not fit: -EPROTO / -EMSGSIZE */
	uint64_t *fids;		/* bitmap of fids in use */
	size_t nfidwords;
#if CONFIG_LIBUKSCHED
	struct uk_waitq wq;	/* the waiter for a reply */
#endif
};

static struct uk_9p_trans *transports;

int uk_9p_trans_register(struct uk_9p_trans *t)
{
	struct uk_9p_trans **pp;

	for (pp = &transports; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->tag, t->tag))
			return -EEXIST;
	t->next = NULL;
	t->in_use = 0;
	*pp = t;
	return 0;
}

struct uk_9p_trans *uk_9p_trans_find(const char *tag)
{
	struct uk_9p_trans *t;

	for (t = transports; t; t = t->next)
		if (!strcmp(t->tag, tag))
			return t;
	return NULL;
}

struct uk_9p_trans *uk_9p_trans_first(void)
{
	return transports;
}

void uk_9p_trans_event(struct uk_9p_trans *t)
{
#if CONFIG_LIBUKSCHED
	struct uk_9p_client *c = t->client;

	if (c)
		uk_waitq_wake(&c->wq, -1);
#else
	(void)t;
#endif
}

/* Waits for the reply to the request submitted: its length or -errno. */
static ssize_t wait_reply(struct uk_9p_client *c)
{
	struct uk_9p_trans *t = c->t;
	unsigned long flags;
	ssize_t r;

	r = t->ops->poll(t);
	if (r)
		return r;
#if CONFIG_LIBUKSCHED
	if (uk_sched_started()) {
		while (!(r = t->ops->poll(t))) {
			if (!t->ops->intr) {
				uk_sched_yield();
				continue;
			}
			if (t->ops->intr(t, 1))
				continue;
			uk_waitq_wait_event_deadline(&c->wq,
				t->ops->poll(t) != 0,
				ukplat_monotonic_clock() + WAIT_NS);
		}
		if (t->ops->intr)
			t->ops->intr(t, 0);
		return r;
	}
#endif
	flags = ukplat_lcpu_save_irqf();
	while (!(r = t->ops->poll(t))) {
		if (!t->ops->intr)
			continue;
		if (t->ops->intr(t, 1))
			continue;
		ukplat_lcpu_halt_irq_until(ukplat_monotonic_clock() + WAIT_NS);
	}
	if (t->ops->intr)
		t->ops->intr(t, 0);
	ukplat_lcpu_restore_irqf(flags);
	return r;
}

/* ---- Encoding ---- */

static void put(struct uk_9p_client *c, const void *p, size_t n)
{
	if (c->txpos + n > c->msize) {
		c->err = -EMSGSIZE;
		return;
	}
	memcpy(c->tx + c->txpos, p, n);
	c->txpos += n;
}

static void put_le(struct uk_9p_client *c, uint64_t v, size_t n)
{
	uint8_t b[8];
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	put(c, b, n);
}

#define put8(c, v)	put_le(c, v, 1)
#define put16(c, v)	put_le(c, v, 2)
#define put32(c, v)	put_le(c, v, 4)
#define put64(c, v)	put_le(c, v, 8)

static void put_str(struct uk_9p_client *c, const char *s)
{
	size_t n = strlen(s);

	if (n > 0xffff) {
		c->err = -ENAMETOOLONG;
		return;
	}
	put16(c, n);
	put(c, s, n);
}

static void begin(struct uk_9p_client *c, uint8_t type, int notag)
{
	uint16_t tag = NOTAG;

	if (!notag) {
		tag = c->next_tag++;
		if (c->next_tag == NOTAG)
			c->next_tag = 0;
	}
	c->txpos = 0;
	c->err = 0;
	put32(c, 0);		/* size, set by rpc() */
	put8(c, type);
	put16(c, tag);
}

/* ---- Decoding ---- */

static uint64_t get_le(struct uk_9p_client *c, size_t n)
{
	uint64_t v = 0;
	size_t i;

	if (c->rxpos + n > c->rxlen) {
		c->err = -EPROTO;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)c->rx[c->rxpos + i] << (8 * i);
	c->rxpos += n;
	return v;
}

#define get8(c)		((uint8_t)get_le(c, 1))
#define get16(c)	((uint16_t)get_le(c, 2))
#define get32(c)	((uint32_t)get_le(c, 4))
#define get64(c)	get_le(c, 8)

static void get_qid(struct uk_9p_client *c, struct uk_9p_qid *q)
{
	struct uk_9p_qid tmp;

	if (!q)
		q = &tmp;
	q->type = get8(c);
	q->version = get32(c);
	q->path = get64(c);
}

/* Decodes a string into @buf of @size bytes (NUL-terminated, cut);
 * returns its full length. */
static size_t get_str(struct uk_9p_client *c, char *buf, size_t size)
{
	size_t n = get16(c);

	if (c->rxpos + n > c->rxlen) {
		c->err = -EPROTO;
		return 0;
	}
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;

		memcpy(buf, c->rx + c->rxpos, k);
		buf[k] = '\0';
	}
	c->rxpos += n;
	return n;
}

/*
 * Sends the request built in c->tx (followed by @olen bytes at @odata)
 * and receives the reply: into c->rx, or its first @ihdr bytes into
 * c->rx and the rest into @idata (@ilen bytes). Checks the reply's
 * size, tag and type; leaves c->rxpos after the header.
 */
static int rpc_io(struct uk_9p_client *c, const void *odata, size_t olen,
		  void *idata, size_t ilen, size_t ihdr)
{
	struct uk_9p_iov out[2], in[2];
	uint8_t type = c->tx[4];
	uint16_t tag = (uint16_t)(c->tx[5] | c->tx[6] << 8);
	unsigned int nout = 1, nin = 1;
	size_t size = c->txpos + olen;
	ssize_t r;
	uint32_t rsize;
	uint8_t rtype;

	if (c->err)
		return c->err;
	if (size > c->msize)
		return -EMSGSIZE;
	c->tx[0] = (uint8_t)size;
	c->tx[1] = (uint8_t)(size >> 8);
	c->tx[2] = (uint8_t)(size >> 16);
	c->tx[3] = (uint8_t)(size >> 24);
	out[0].base = c->tx;
	out[0].len = c->txpos;
	if (olen) {
		out[1].base = (void *)odata;
		out[1].len = olen;
		nout = 2;
	}
	in[0].base = c->rx;
	in[0].len = idata ? ihdr : c->msize;
	if (idata && ilen) {
		in[1].base = idata;
		in[1].len = ilen;
		nin = 2;
	}
	r = c->t->ops->submit(c->t, out, nout, in, nin);
	if (!r)
		r = wait_reply(c);
	if (r < 0)
		return (int)r;
	if (r < HDR) {
		uk_pr_err("9p %s: short reply to message type %u\n",
			  c->t->tag, type);
		return -EPROTO;
	}
	/* only the @r bytes the transport received are the reply */
	c->rxlen = (size_t)r < in[0].len ? (size_t)r : in[0].len;
	c->rxpos = 0;
	rsize = get32(c);
	rtype = get8(c);
	if (c->err || get16(c) != tag || rsize < HDR || rsize > (size_t)r) {
		uk_pr_err("9p %s: malformed reply to message type %u\n",
			  c->t->tag, type);
		return -EPROTO;
	}
	if (rsize < c->rxlen)
		c->rxlen = rsize;
	c->rsize = rsize;
	if (rtype == RLERROR) {
		uint32_t e = get32(c);

		/* an error number no errno can be (0, negative as an int,
		 * 4096 and up) must not read as success or as a count */
		return c->err ? -EPROTO : e && e < 4096 ? -(int)e : -EIO;
	}
	if (rtype != type + 1) {
		uk_pr_err("9p %s: reply of type %u to message type %u\n",
			  c->t->tag, rtype, type);
		return -EPROTO;
	}
	return 0;
}

static int rpc(struct uk_9p_client *c)
{
	return rpc_io(c, NULL, 0, NULL, 0, 0);
}

/* The decoding result: 0 or -EPROTO when a field was missing. */
static int done(struct uk_9p_client *c, int r)
{
	if (!r && c->err)
		r = -EPROTO;
	uk_mutex_unlock(&c->lock);
	return r;
}

/* ---- Fids ---- */

uint32_t uk_9p_fid_alloc(struct uk_9p_client *c)
{
	size_t i;
	uint32_t fid = UK_9P_NOFID;

	uk_mutex_lock(&c->lock);
	for (i = 0; i < c->nfidwords; i++)
		if (~c->fids[i])
			break;
	if (i == c->nfidwords) {
		size_t n = c->nfidwords ? c->nfidwords * 2 : 4;
		uint64_t *f = realloc(c->fids, n * sizeof(*f));

		if (!f)
			goto out;
		memset(f + c->nfidwords, 0, (n - c->nfidwords) * sizeof(*f));
		c->fids = f;
		c->nfidwords = n;
	}
	fid = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(~c->fids[i]));
	c->fids[i] |= 1ULL << (fid % 64);
out:
	uk_mutex_unlock(&c->lock);
	return fid;
}

void uk_9p_fid_free(struct uk_9p_client *c, uint32_t fid)
{
	uk_mutex_lock(&c->lock);
	if (fid / 64 < c->nfidwords)
		c->fids[fid / 64] &= ~(1ULL << (fid % 64));
	uk_mutex_unlock(&c->lock);
}

/* ---- Connection ---- */

int uk_9p_connect(const char *tag, uint32_t msize, struct uk_9p_client **out)
{
	struct uk_9p_trans *t = uk_9p_trans_find(tag);
	struct uk_9p_client *c;
	char ver[16];
	int r;

	if (!t)
		return -ENODEV;
	if (t->in_use)
		return -EBUSY;
	if (!msize)
		msize = CONFIG_LIBUK9P_MSIZE;
	if (t->max_msize && msize > t->max_msize)
		msize = t->max_msize;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->tx = malloc(msize);
	c->rx = malloc(msize);
	if (!c->tx || !c->rx) {
		r = -ENOMEM;
		goto err;
	}
	c->t = t;
	c->msize = msize;
	uk_mutex_init(&c->lock);
#if CONFIG_LIBUKSCHED
	uk_waitq_init(&c->wq);
#endif
	t->client = c;
	uk_mutex_lock(&c->lock);
	begin(c, TVERSION, 1);
	put32(c, msize);
	put_str(c, VERSION);
	r = rpc(c);
	if (!r) {
		uint32_t m = get32(c);

		get_str(c, ver, sizeof(ver));
		if (c->err)
			r = -EPROTO;
		else if (strcmp(ver, VERSION))
			r = -EPROTONOSUPPORT;
		else if (m < 4096 || m > msize)
			r = -EPROTO;
		else
			c->msize = m;
	}
	uk_mutex_unlock(&c->lock);
	if (r) {
		uk_pr_err("9p %s: version negotiation failed: error %d\n", tag,
			  -r);
		t->client = NULL;
		goto err;
	}
	t->in_use = 1;
	*out = c;
	return 0;
err:
	free(c->tx);
	free(c->rx);
	free(c);
	return r;
}

void uk_9p_disconnect(struct uk_9p_client *c)
{
	if (!c)
		return;
	c->t->in_use = 0;
	c->t->client = NULL;
	free(c->fids);
	free(c->tx);
	free(c->rx);
	free(c);
}

uint32_t uk_9p_msize(const struct uk_9p_client *c)
{
	return c->msize;
}

uint32_t uk_9p_iounit(const struct uk_9p_client *c)
{
	return c->msize - IOHDR - 8;
}

/* ---- Requests ---- */

int uk_9p_attach(struct uk_9p_client *c, const char *uname,
		 const char *aname, uint32_t n_uname, uint32_t *fid,
		 struct uk_9p_qid *qid)
{
	uint32_t f = uk_9p_fid_alloc(c);
	int r;

	if (f == UK_9P_NOFID)
		return -ENOMEM;
	uk_mutex_lock(&c->lock);
	begin(c, TATTACH, 0);
	put32(c, f);
	put32(c, UK_9P_NOFID);
	put_str(c, uname);
	put_str(c, aname);
	put32(c, n_uname);
	r = rpc(c);
	if (!r)
		get_qid(c, qid);
	r = done(c, r);
	if (r)
		uk_9p_fid_free(c, f);
	else
		*fid = f;
	return r;
}

int uk_9p_walk(struct uk_9p_client *c, uint32_t fid, uint32_t *newfid,
	       unsigned int nwname, const char *const *names,
	       struct uk_9p_qid *qid)
{
	uint32_t f;
	unsigned int i, n;
	int r;

	if (nwname > UK_9P_MAXWELEM)
		return -EINVAL;
	f = uk_9p_fid_alloc(c);
	if (f == UK_9P_NOFID)
		return -ENOMEM;
	uk_mutex_lock(&c->lock);
	begin(c, TWALK, 0);
	put32(c, fid);
	put32(c, f);
	put16(c, nwname);
	for (i = 0; i < nwname; i++)
		put_str(c, names[i]);
	r = rpc(c);
	if (!r) {
		n = get16(c);
		for (i = 0; i < n && !c->err; i++)
			get_qid(c, i + 1 == n ? qid : NULL);
		/* A partial walk makes no fid. */
		if (!c->err && n != nwname)
			r = -ENOENT;
	}
	r = done(c, r);
	if (r)
		uk_9p_fid_free(c, f);
	else
		*newfid = f;
	return r;
}

int uk_9p_lopen(struct uk_9p_client *c, uint32_t fid, uint32_t flags,
		struct uk_9p_qid *qid, uint32_t *iounit)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TLOPEN, 0);
	put32(c, fid);
	put32(c, flags);
	r = rpc(c);
	if (!r) {
		uint32_t io;

		get_qid(c, qid);
		io = get32(c);
		if (iounit)
			*iounit = io;
	}
	return done(c, r);
}

int uk_9p_lcreate(struct uk_9p_client *c, uint32_t fid, const char *name,
		  uint32_t flags, uint32_t mode, uint32_t gid,
		  struct uk_9p_qid *qid, uint32_t *iounit)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TLCREATE, 0);
	put32(c, fid);
	put_str(c, name);
	put32(c, flags);
	put32(c, mode);
	put32(c, gid);
	r = rpc(c);
	if (!r) {
		uint32_t io;

		get_qid(c, qid);
		io = get32(c);
		if (iounit)
			*iounit = io;
	}
	return done(c, r);
}

/*
 * Tread, Twrite and Treaddir share their shape: fid[4] offset[8] count[4],
 * answered by count[4]; the data goes straight from @out (write) or into
 * @in (read, readdir), never through the message buffer.
 */
static ssize_t data_rpc(struct uk_9p_client *c, uint8_t type, uint32_t fid,
			uint64_t off, const void *out, void *in,
			uint32_t count)
{
	uint32_t n = 0;
	int r;

	if (count > uk_9p_iounit(c))
		count = uk_9p_iounit(c);
	uk_mutex_lock(&c->lock);
	begin(c, type, 0);
	put32(c, fid);
	put64(c, off);
	put32(c, count);
	if (type == TWRITE)
		r = rpc_io(c, out, count, NULL, 0, 0);
	else	/* the data follows size type tag count[4] */
		r = rpc_io(c, NULL, 0, in, count, HDR + 4);
	if (!r) {
		n = get32(c);
		/* a read's data must have come with the reply */
		if (n > count ||
		    (type != TWRITE && (size_t)HDR + 4 + n > c->rsize))
			r = -EPROTO;
	}
	r = done(c, r);
	return r ? r : (ssize_t)n;
}

ssize_t uk_9p_read(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		   void *buf, uint32_t count)
{
	return data_rpc(c, TREAD, fid, off, NULL, buf, count);
}

ssize_t uk_9p_write(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		    const void *buf, uint32_t count)
{
	return data_rpc(c, TWRITE, fid, off, buf, NULL, count);
}

int uk_9p_clunk(struct uk_9p_client *c, uint32_t fid)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TCLUNK, 0);
	put32(c, fid);
	r = done(c, rpc(c));
	uk_9p_fid_free(c, fid);
	return r;
}

int uk_9p_getattr(struct uk_9p_client *c, uint32_t fid, uint64_t mask,
		  struct uk_9p_attr *a)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TGETATTR, 0);
	put32(c, fid);
	put64(c, mask);
	r = rpc(c);
	if (!r) {
		a->valid = get64(c);
		get_qid(c, &a->qid);
		a->mode = get32(c);
		a->uid = get32(c);
		a->gid = get32(c);
		a->nlink = get64(c);
		a->rdev = get64(c);
		a->size = get64(c);
		a->blksize = get64(c);
		a->blocks = get64(c);
		a->atime_sec = get64(c);
		a->atime_nsec = get64(c);
		a->mtime_sec = get64(c);
		a->mtime_nsec = get64(c);
		a->ctime_sec = get64(c);
		a->ctime_nsec = get64(c);
		/* btime, gen and data_version follow; not needed */
	}
	return done(c, r);
}

int uk_9p_setattr(struct uk_9p_client *c, uint32_t fid,
		  const struct uk_9p_setattr *sa)
{
	uk_mutex_lock(&c->lock);
	begin(c, TSETATTR, 0);
	put32(c, fid);
	put32(c, sa->valid);
	put32(c, sa->mode);
	put32(c, sa->uid);
	put32(c, sa->gid);
	put64(c, sa->size);
	put64(c, sa->atime_sec);
	put64(c, sa->atime_nsec);
	put64(c, sa->mtime_sec);
	put64(c, sa->mtime_nsec);
	return done(c, rpc(c));
}

ssize_t uk_9p_readdir(struct uk_9p_client *c, uint32_t fid, uint64_t off,
		      void *buf, uint32_t count)
{
	return data_rpc(c, TREADDIR, fid, off, NULL, buf, count);
}

int uk_9p_dirent_next(const void *buf, size_t len, size_t *pos,
		      struct uk_9p_dirent *de)
{
	const uint8_t *p = (const uint8_t *)buf + *pos;
	size_t left = len - *pos, nlen, k;
	uint64_t v;
	int i;

	if (*pos >= len)
		return 0;
	/* qid[13] offset[8] type[1] name[s] */
	if (left < QIDLEN + 8 + 1 + 2)
		return -EPROTO;
	de->qid.type = p[0];
	de->qid.version = (uint32_t)p[1] | (uint32_t)p[2] << 8 |
			  (uint32_t)p[3] << 16 | (uint32_t)p[4] << 24;
	for (v = 0, i = 7; i >= 0; i--)
		v = v << 8 | p[5 + i];
	de->qid.path = v;
	for (v = 0, i = 7; i >= 0; i--)
		v = v << 8 | p[13 + i];
	de->offset = v;
	de->type = p[21];
	nlen = (size_t)p[22] | (size_t)p[23] << 8;
	if (left < 24 + nlen)
		return -EPROTO;
	k = nlen < sizeof(de->name) - 1 ? nlen : sizeof(de->name) - 1;
	memcpy(de->name, p + 24, k);
	de->name[k] = '\0';
	*pos += 24 + nlen;
	return 1;
}

int uk_9p_mkdir(struct uk_9p_client *c, uint32_t dfid, const char *name,
		uint32_t mode, uint32_t gid, struct uk_9p_qid *qid)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TMKDIR, 0);
	put32(c, dfid);
	put_str(c, name);
	put32(c, mode);
	put32(c, gid);
	r = rpc(c);
	if (!r)
		get_qid(c, qid);
	return done(c, r);
}

int uk_9p_unlinkat(struct uk_9p_client *c, uint32_t dfid, const char *name,
		   uint32_t flags)
{
	uk_mutex_lock(&c->lock);
	begin(c, TUNLINKAT, 0);
	put32(c, dfid);
	put_str(c, name);
	put32(c, flags);
	return done(c, rpc(c));
}

int uk_9p_renameat(struct uk_9p_client *c, uint32_t odfid, const char *oname,
		   uint32_t ndfid, const char *nname)
{
	uk_mutex_lock(&c->lock);
	begin(c, TRENAMEAT, 0);
	put32(c, odfid);
	put_str(c, oname);
	put32(c, ndfid);
	put_str(c, nname);
	return done(c, rpc(c));
}

int uk_9p_symlink(struct uk_9p_client *c, uint32_t dfid, const char *name,
		  const char *target, uint32_t gid, struct uk_9p_qid *qid)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TSYMLINK, 0);
	put32(c, dfid);
	put_str(c, name);
	put_str(c, target);
	put32(c, gid);
	r = rpc(c);
	if (!r)
		get_qid(c, qid);
	return done(c, r);
}

int uk_9p_link(struct uk_9p_client *c, uint32_t dfid, uint32_t fid,
	       const char *name)
{
	uk_mutex_lock(&c->lock);
	begin(c, TLINK, 0);
	put32(c, dfid);
	put32(c, fid);
	put_str(c, name);
	return done(c, rpc(c));
}

ssize_t uk_9p_readlink(struct uk_9p_client *c, uint32_t fid, char *buf,
		       size_t len)
{
	size_t n = 0;
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TREADLINK, 0);
	put32(c, fid);
	r = rpc(c);
	if (!r) {
		n = get16(c);
		if (c->rxpos + n > c->rxlen)
			r = -EPROTO;
		else
			memcpy(buf, c->rx + c->rxpos, n < len ? n : len);
	}
	r = done(c, r);
	return r ? r : (ssize_t)(n < len ? n : len);
}

int uk_9p_statfs(struct uk_9p_client *c, uint32_t fid,
		 struct uk_9p_statfs *st)
{
	int r;

	uk_mutex_lock(&c->lock);
	begin(c, TSTATFS, 0);
	put32(c, fid);
	r = rpc(c);
	if (!r) {
		st->type = get32(c);
		st->bsize = get32(c);
		st->blocks = get64(c);
		st->bfree = get64(c);
		st->bavail = get64(c);
		st->files = get64(c);
		st->ffree = get64(c);
		st->fsid = get64(c);
		st->namelen = get32(c);
	}
	return done(c, r);
}

int uk_9p_fsync(struct uk_9p_client *c, uint32_t fid)
{
	uk_mutex_lock(&c->lock);
	begin(c, TFSYNC, 0);
	put32(c, fid);
	put32(c, 0);		/* datasync: no, a full sync */
	return done(c, rpc(c));
}
