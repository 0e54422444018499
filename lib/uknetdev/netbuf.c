/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: uk_netbuf allocation, reference counting, headroom and
 * chains.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/netbuf.h>

#define NB_ALIGN	__alignof__(struct uk_netbuf)

struct uk_netbuf *uk_netbuf_init(struct uk_netbuf *nb, void *mem,
				 size_t size, size_t headroom,
				 uk_netbuf_dtor_t dtor)
{
	if (headroom > size)
		return NULL;
	memset(nb, 0, sizeof(*nb));
	nb->buf = mem;
	nb->buflen = size;
	nb->data = (char *)mem + headroom;
	nb->refcount = 1;
	nb->dtor = dtor;
	return nb;
}

struct uk_netbuf *uk_netbuf_alloc_buf(struct uk_alloc *a, size_t size,
				      size_t align, size_t headroom)
{
	size_t off = UK_ALIGN_UP(size, NB_ALIGN);
	struct uk_netbuf *nb;
	void *mem;

	if (headroom > size || !a)
		return NULL;
	if (align < NB_ALIGN)
		align = NB_ALIGN;
	mem = uk_memalign(a, align, off + sizeof(*nb));
	if (!mem)
		return NULL;
	nb = (struct uk_netbuf *)((char *)mem + off);
	uk_netbuf_init(nb, mem, size, headroom, NULL);
	nb->a = a;
	nb->alloc_base = mem;
	return nb;
}

void uk_netbuf_free(struct uk_netbuf *nb)
{
	while (nb) {
		struct uk_netbuf *next = nb->next;

		if (__atomic_sub_fetch(&nb->refcount, 1,
				       __ATOMIC_SEQ_CST) == 0) {
			nb->next = NULL;
			if (nb->dtor)
				nb->dtor(nb);
			else if (nb->a)
				uk_free(nb->a, nb->alloc_base);
		}
		nb = next;
	}
}

int uk_netbuf_header(struct uk_netbuf *nb, long delta)
{
	if (delta > 0 && (size_t)delta > uk_netbuf_headroom(nb))
		return -ENOSPC;
	if (delta < 0 && (size_t)-delta > nb->len)
		return -EINVAL;
	nb->data = (char *)nb->data - delta;
	nb->len += delta;
	return 0;
}

void uk_netbuf_append(struct uk_netbuf *head, struct uk_netbuf *tail)
{
	while (head->next)
		head = head->next;
	head->next = tail;
}

size_t uk_netbuf_len(const struct uk_netbuf *nb)
{
	size_t n = 0;

	for (; nb; nb = nb->next)
		n += nb->len;
	return n;
}

unsigned int uk_netbuf_count(const struct uk_netbuf *nb)
{
	unsigned int n = 0;

	for (; nb; nb = nb->next)
		n++;
	return n;
}
