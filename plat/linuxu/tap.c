/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: a uknetdev device over a host tap interface (/dev/net/tun,
 * see the kernel's tuntap documentation), opened non-blocking with raw
 * system calls. tap.name=IFNAME on the command line attaches to (or
 * creates, given the right) the host interface IFNAME; without it there
 * is no device. One queue pair; each received packet is one readv(),
 * each sent one a writev(). Receive interrupts: the descriptor is an
 * interrupt line of the platform (lcpu.h), so an idle image sleeps in
 * ppoll() until a packet comes instead of polling, and a busy one hears
 * of it by the host's SIGIO (the descriptor is put in O_ASYNC mode).
 *
 * Offloads (tap.offload=1, the default): every packet carries a
 * virtio-net header (IFF_VNET_HDR), so the host finishes our partial
 * checksums and cuts our TSO packets into segments, and hands us its own
 * packets with partial checksums (TUN_F_CSUM) and, when the user asks
 * for UK_NETDEV_F_RX_GSO, merged into packets of up to 64 KiB
 * (TUN_F_TSO4/6), read into a chain of rx buffers. Each is one system
 * call instead of one per segment.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/netdev.h>
#include <uk/netdev_vnet.h>
#include <uk/print.h>
#include <uk/plat/time.h>
#include <linuxu/syscall.h>
#include "lcpu.h"

#define SYS_OPEN	2
#define SYS_CLOSE	3
#define SYS_IOCTL	16
#define SYS_READV	19
#define SYS_WRITEV	20
#define O_RDWR		02
#define O_NONBLOCK	04000
#define O_CLOEXEC	02000000
#define TUNSETIFF	0x400454caUL
#define TUNSETOFFLOAD	0x400454d0UL
#define TUNSETVNETHDRSZ	0x400454d8UL
#define IFF_TAP		0x0002
#define IFF_NO_PI	0x1000
#define IFF_VNET_HDR	0x4000
#define TUN_F_CSUM	0x01
#define TUN_F_TSO4	0x02
#define TUN_F_TSO6	0x04
#define IFNAMSIZ	16
#define FRAME_MAX	1514
#define MAX_SEGS	45	/* netbufs of one sent chain: 64 KiB of TSO */
#define MAX_RX_BUFS	64	/* netbufs of one received packet */
#define GSO_RETRY_NS	100000000ULL
/* what the host does for us with virtio-net headers */
#define TX_OFFLOADS	(UK_NETDEV_F_TX_CSUM | UK_NETDEV_F_TSO4 | \
			 UK_NETDEV_F_TSO6)

static const char *name;
UK_LIBPARAM_PARAM_DESC(name, charp, "host tap interface to attach to");
static _Bool offload = 1;
UK_LIBPARAM_PARAM_DESC(offload, bool,
		       "checksum and segmentation offload with the host");

struct ifreq_tap {
	char name[IFNAMSIZ];
	short flags;
	char pad[22];
};

struct iovec_l {
	void *base;
	unsigned long len;
};

struct tap {
	struct uk_netdev nd;
	int fd;
	int vnet;		/* packets carry a struct uk_netdev_vnet_hdr */
	int rx_gso;		/* the user takes merged segments */
	int host_gso;		/* the host merges them now */
	uint64_t gso_retry;	/* host_gso stays off until then */
	int irq;		/* the descriptor's interrupt line, or < 0 */
	struct uk_netdev_rxqueue_conf rxconf;
	/* rx buffers kept for the next read */
	struct uk_netbuf *spare[MAX_RX_BUFS];
	unsigned int nspare;
};

static struct tap tap;

static void tap_info(struct uk_netdev *nd __unused,
		     struct uk_netdev_info *info)
{
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	info->max_mtu = 1500;
	info->max_tx_segs = MAX_SEGS;
	info->features = UK_NETDEV_F_TX_SG | UK_NETDEV_F_TX_DONE;
	if (tap.irq >= 0)
		info->features |= UK_NETDEV_F_RXQ_INTR;
	if (tap.vnet)
		info->features |= TX_OFFLOADS | UK_NETDEV_F_RX_CSUM |
				  UK_NETDEV_F_RX_GSO;
}

/* What the host may hand us: without a header nothing but whole
 * frames with their checksums (a previous user such as QEMU may have
 * left offloads on). */
static int set_host_offloads(void)
{
	unsigned long f = 0;
	long rc;

	if (tap.vnet)
		f = TUN_F_CSUM | (tap.host_gso ? TUN_F_TSO4 | TUN_F_TSO6 : 0);
	rc = linuxu_syscall(SYS_IOCTL, tap.fd, TUNSETOFFLOAD, f);
	if (rc < 0)
		uk_pr_warn("tap: %s: cannot set offloads %#lx (%ld)\n", name,
			   f, rc);
	return (int)rc;
}

static int tap_configure(struct uk_netdev *nd __unused,
			 const struct uk_netdev_conf *conf)
{
	tap.rx_gso = !!(conf->rx_offloads & UK_NETDEV_F_RX_GSO);
	tap.host_gso = tap.rx_gso;
	return set_host_offloads();
}

static int tap_rxq_configure(struct uk_netdev *nd __unused,
			     uint16_t qid __unused, uint16_t nb __unused,
			     const struct uk_netdev_rxqueue_conf *conf)
{
	tap.rxconf = *conf;
	return 0;
}

static int tap_txq_configure(struct uk_netdev *nd __unused,
			     uint16_t qid __unused, uint16_t nb __unused,
			     const struct uk_netdev_txqueue_conf *c __unused)
{
	return 0;
}

static int tap_start(struct uk_netdev *nd __unused)
{
	return 0;
}

static size_t room(const struct uk_netbuf *nb)
{
	return uk_netbuf_tailroom(nb) + nb->len;
}

/* Spare buffers for a packet of @want bytes: the first ones of
 * tap.spare, topped up from the user as far as it can; returns how many
 * (maybe fewer than @want needs, maybe none: out of memory) and their
 * room in *@have. */
static unsigned int rx_buffers(struct uk_netdev *nd, size_t want,
			       size_t *have)
{
	size_t h = 0;
	unsigned int k;

	for (k = 0; h < want && k < MAX_RX_BUFS; k++) {
		if (k == tap.nspare) {
			if (!tap.rxconf.alloc_rxpkts(tap.rxconf.alloc_rxpkts_argp,
						     &tap.spare[k], 1)) {
				nd->stats.rx_nobufs++;
				break;
			}
			tap.nspare++;
		}
		if (room(tap.spare[k]) < 64) {	/* unusable: too small */
			uk_netbuf_free(tap.spare[k]);
			tap.spare[k] = tap.spare[--tap.nspare];
			nd->stats.rx_errors++;
			break;
		}
		h += room(tap.spare[k]);
	}
	*have = h;
	return k;
}

/* Merged receive on or off at the host: off while we are short of rx
 * buffers for a 64 KiB packet, on again when we have them (not before
 * GSO_RETRY_NS, so that a tight heap does not make it flap). */
static void host_gso(int on)
{
	uint64_t now = ukplat_monotonic_clock();

	if (on && now < tap.gso_retry)
		return;
	tap.host_gso = on;
	if (!on)
		tap.gso_retry = now + GSO_RETRY_NS;
	set_host_offloads();
}

/*
 * Out of memory, the device keeps draining the tap: it reads into the
 * buffers it has, or into a scratch buffer when it has none, and drops
 * what does not fit (counted in rx_nobufs), so that the host's queue
 * never stalls and what frees memory (the FINs and RSTs of closing
 * connections) can come in as soon as a buffer can be had again. While
 * it cannot hold a 64 KiB packet, it has the host stop merging segments.
 */
static int tap_recv(struct uk_netdev *nd, uint16_t qid __unused,
		    struct uk_netbuf *pkts[], uint16_t count)
{
	static char scratch[sizeof(struct uk_netdev_vnet_hdr) +
			    UK_NETDEV_GSO_MAX];
	size_t full = tap.rx_gso ? UK_NETDEV_GSO_MAX : FRAME_MAX;
	size_t hlen = tap.vnet ? sizeof(struct uk_netdev_vnet_hdr) : 0;
	struct iovec_l iov[MAX_RX_BUFS + 1];
	struct uk_netdev_vnet_hdr h;
	int got = 0, dropped = 0;

	while (got < count && dropped < count) {
		size_t have, left;
		unsigned int k = rx_buffers(nd, full, &have), v = 0, i;
		long n;

		if (have >= full ? tap.rx_gso && !tap.host_gso :
				   tap.host_gso && tap.rx_gso)
			host_gso(have >= full);
		if (!k) {
			iov[v++] = (struct iovec_l){ scratch, sizeof(scratch) };
		} else {
			if (tap.vnet)
				iov[v++] = (struct iovec_l){ &h, sizeof(h) };
			for (i = 0; i < k; i++)
				iov[v++] = (struct iovec_l){
					tap.spare[i]->data, room(tap.spare[i]) };
		}
		n = linuxu_syscall(SYS_READV, tap.fd, iov, v);
		if (n == -EAGAIN || n == -EINTR)
			break;
		if (n < 0) {
			nd->stats.rx_errors++;
			return got ? got : (int)n;
		}
		if (!k || (size_t)n > hlen + have) {
			/* no buffer, or too few: the rest was cut off */
			nd->stats.rx_nobufs++;
			dropped++;
			continue;
		}
		if (!tap.vnet)
			h = (struct uk_netdev_vnet_hdr){ 0 };	/* no offload */
		if ((size_t)n < hlen + 14 ||
		    uk_netdev_vnet_hdr_rx(tap.spare[0], &h, tap.rx_gso) < 0) {
			nd->stats.rx_errors++;
			dropped++;
			continue;	/* the buffers stay spare */
		}
		left = (size_t)n - hlen;
		/* the buffers the packet filled become its chain */
		for (i = 0; i < k && (i == 0 || left); i++) {
			struct uk_netbuf *nb = tap.spare[i];

			nb->len = UK_MIN(left, room(nb));
			left -= nb->len;
			nb->next = NULL;
			if (i)
				tap.spare[i - 1]->next = nb;
		}
		pkts[got++] = tap.spare[0];
		memmove(&tap.spare[0], &tap.spare[i],
			(tap.nspare - i) * sizeof(tap.spare[0]));
		tap.nspare -= i;
	}
	return got;
}

static int tap_xmit(struct uk_netdev *nd, uint16_t qid __unused,
		    struct uk_netbuf *pkts[], uint16_t count)
{
	int sent;

	for (sent = 0; sent < count; sent++) {
		struct uk_netbuf *nb = pkts[sent];
		struct iovec_l iov[MAX_SEGS + 1];
		struct uk_netdev_vnet_hdr h;
		int k = 0, rc;
		long n;

		rc = uk_netdev_vnet_hdr_tx(&h, nb, tap.vnet ? TX_OFFLOADS : 0);
		if (rc < 0)
			return sent ? sent : rc;
		if (tap.vnet)
			iov[k++] = (struct iovec_l){ &h, sizeof(h) };
		for (struct uk_netbuf *p = nb; p; p = p->next) {
			if (k == MAX_SEGS + tap.vnet)
				return sent ? sent : -EMSGSIZE;
			iov[k].base = p->data;
			iov[k++].len = p->len;
		}
		n = k == 1 ? linuxu_syscall(__NR_write, tap.fd, iov[0].base,
					    iov[0].len)
			   : linuxu_syscall(SYS_WRITEV, tap.fd, iov, k);
		if (n == -EAGAIN || n == -EINTR)
			break;
		if (n < 0)
			nd->stats.tx_errors++;
		/* the packet is copied (or dropped on an error): done */
		uk_netbuf_free(nb);
	}
	return sent;
}

/* The descriptor became readable while the queue's interrupt was on. */
static void tap_irq(void *arg __unused)
{
	if (tap.rxconf.callback)
		tap.rxconf.callback(&tap.nd, 0, tap.rxconf.callback_argp);
}

/* The line fires even for what arrived before: 0, the callback comes. */
static int tap_intr_enable(struct uk_netdev *nd __unused,
			   uint16_t qid __unused)
{
	if (tap.irq < 0 || !tap.rxconf.callback)
		return -ENOTSUP;
	linuxu_fd_irq_arm(tap.irq);
	return 0;
}

static int tap_intr_disable(struct uk_netdev *nd __unused,
			    uint16_t qid __unused)
{
	if (tap.irq >= 0)
		linuxu_fd_irq_disarm(tap.irq);
	return 0;
}

static const struct uk_netdev_ops tap_ops = {
	.info_get = tap_info,
	.configure = tap_configure,
	.rxq_configure = tap_rxq_configure,
	.txq_configure = tap_txq_configure,
	.start = tap_start,
	.rxq_intr_enable = tap_intr_enable,
	.rxq_intr_disable = tap_intr_disable,
	.recv = tap_recv,
	.xmit = tap_xmit,
};

/* A descriptor of /dev/net/tun attached to the interface, or -errno. */
static long open_attached(short flags)
{
	struct ifreq_tap ifr;
	long fd, rc;

	fd = linuxu_syscall(SYS_OPEN, "/dev/net/tun",
			    O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.name, name);
	ifr.flags = flags;
	rc = linuxu_syscall(SYS_IOCTL, fd, TUNSETIFF, &ifr);
	/* The header size belongs to the interface, and a previous user
	 * (QEMU) may have left it at 12 bytes. */
	if (rc >= 0 && (flags & IFF_VNET_HDR))
		rc = linuxu_syscall(SYS_IOCTL, fd, TUNSETVNETHDRSZ,
				    &(int){ sizeof(struct uk_netdev_vnet_hdr) });
	if (rc < 0) {
		linuxu_syscall(SYS_CLOSE, fd, 0, 0);
		return rc;
	}
	return fd;
}

static int tap_init(void)
{
	static const uint8_t mac[6] = { 0x02, 0x54, 0x00, 0x12, 0x34, 0x57 };
	long fd = -EINVAL;

	if (!name || !*name)
		return 0;
	if (strlen(name) >= IFNAMSIZ) {
		uk_pr_err("tap: interface name %s is too long\n", name);
		return 0;
	}
	if (offload) {
		fd = open_attached(IFF_TAP | IFF_NO_PI | IFF_VNET_HDR);
		tap.vnet = fd >= 0;
		if (fd < 0 && fd != -EBUSY && fd != -EPERM && fd != -ENOENT)
			uk_pr_warn("tap: %s: no virtio-net headers (%ld), so no offloads\n",
				   name, fd);
	}
	if (!tap.vnet)
		fd = open_attached(IFF_TAP | IFF_NO_PI);
	if (fd < 0) {
		uk_pr_err("tap: cannot attach to %s through /dev/net/tun (%ld): "
			  "does it exist, and may we use it?\n", name, fd);
		return 0;
	}
	tap.fd = (int)fd;
	tap.irq = linuxu_fd_irq_register(tap.fd, tap_irq, NULL);
	set_host_offloads();
	tap.nd.ops = &tap_ops;
	tap.nd.drv_name = "tap";
	tap.nd.mtu = 1500;
	tap.nd.priv = &tap;
	memcpy(tap.nd.hwaddr.a, mac, sizeof(mac));
	uk_netdev_register(&tap.nd);
	return 0;
}
uk_plat_initcall(tap_init);
