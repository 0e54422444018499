/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu: a uknetdev device over a host tap interface (/dev/net/tun,
 * see the kernel's tuntap documentation), opened non-blocking with raw
 * system calls. tap.name=IFNAME on the command line attaches to (or
 * creates, given the right) the host interface IFNAME; without it there
 * is no device. One queue pair, polling only (a Linux process has no
 * interrupts): each received frame is one read(), each sent one a
 * write() or writev().
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/netdev.h>
#include <uk/print.h>
#include <linuxu/syscall.h>

#define SYS_OPEN	2
#define SYS_CLOSE	3
#define SYS_IOCTL	16
#define SYS_WRITEV	20
#define O_RDWR		02
#define O_NONBLOCK	04000
#define O_CLOEXEC	02000000
#define TUNSETIFF	0x400454caUL
#define TUNSETOFFLOAD	0x400454d0UL
#define IFF_TAP		0x0002
#define IFF_NO_PI	0x1000
#define IFNAMSIZ	16
#define FRAME_MAX	1514
#define MAX_SEGS	16

static const char *name;
UK_LIBPARAM_PARAM_DESC(name, charp, "host tap interface to attach to");

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
	struct uk_netdev_rxqueue_conf rxconf;
	struct uk_netbuf *spare;	/* rx buffer kept for the next read */
};

static struct tap tap;

static void tap_info(struct uk_netdev *nd __unused,
		     struct uk_netdev_info *info)
{
	info->max_rx_queues = 1;
	info->max_tx_queues = 1;
	info->max_mtu = 1500;
	info->features = UK_NETDEV_F_TX_SG;
}

static int tap_configure(struct uk_netdev *nd __unused,
			 const struct uk_netdev_conf *conf __unused)
{
	return 0;
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

static int tap_recv(struct uk_netdev *nd, uint16_t qid __unused,
		    struct uk_netbuf *pkts[], uint16_t count)
{
	int got = 0;

	while (got < count) {
		struct uk_netbuf *nb = tap.spare;
		long n;

		if (!nb && !tap.rxconf.alloc_rxpkts(tap.rxconf.alloc_rxpkts_argp,
						    &nb, 1)) {
			nd->stats.rx_nobufs++;
			break;
		}
		tap.spare = nb;
		if (uk_netbuf_tailroom(nb) + nb->len < FRAME_MAX) {
			tap.spare = NULL;
			uk_netbuf_free(nb);
			nd->stats.rx_errors++;
			break;
		}
		n = linuxu_syscall(__NR_read, tap.fd, nb->data,
				   uk_netbuf_tailroom(nb) + nb->len);
		if (n == -EAGAIN || n == -EINTR)
			break;
		if (n < 0) {
			nd->stats.rx_errors++;
			return got ? got : (int)n;
		}
		tap.spare = NULL;
		nb->len = (size_t)n;
		nb->next = NULL;
		nb->flags = 0;
		pkts[got++] = nb;
	}
	return got;
}

static int tap_xmit(struct uk_netdev *nd __unused, uint16_t qid __unused,
		    struct uk_netbuf *pkts[], uint16_t count)
{
	int sent;

	for (sent = 0; sent < count; sent++) {
		struct uk_netbuf *nb = pkts[sent];
		struct iovec_l iov[MAX_SEGS];
		int k = 0;
		long n;

		if (nb->flags & UK_NETBUF_F_CSUM_PARTIAL)
			return sent ? sent : -ENOTSUP;	/* not offered */
		for (struct uk_netbuf *p = nb; p; p = p->next) {
			if (k == MAX_SEGS)
				return sent ? sent : -EMSGSIZE;
			iov[k].base = p->data;
			iov[k++].len = p->len;
		}
		n = k == 1 ? linuxu_syscall(__NR_write, tap.fd, iov[0].base,
					    iov[0].len)
			   : linuxu_syscall(SYS_WRITEV, tap.fd, iov, k);
		if (n == -EAGAIN || n == -EINTR)
			break;
		/* the frame is copied (or dropped on an error): done */
		uk_netbuf_free(nb);
	}
	return sent;
}

static const struct uk_netdev_ops tap_ops = {
	.info_get = tap_info,
	.configure = tap_configure,
	.rxq_configure = tap_rxq_configure,
	.txq_configure = tap_txq_configure,
	.start = tap_start,
	.recv = tap_recv,
	.xmit = tap_xmit,
};

static int tap_init(void)
{
	static const uint8_t mac[6] = { 0x02, 0x54, 0x00, 0x12, 0x34, 0x57 };
	struct ifreq_tap ifr;
	long fd, rc;

	if (!name || !*name)
		return 0;
	if (strlen(name) >= IFNAMSIZ) {
		uk_pr_err("tap: interface name %s is too long\n", name);
		return 0;
	}
	fd = linuxu_syscall(SYS_OPEN, "/dev/net/tun",
			    O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd < 0) {
		uk_pr_err("tap: cannot open /dev/net/tun (%ld)\n", fd);
		return 0;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.name, name);
	ifr.flags = IFF_TAP | IFF_NO_PI;
	rc = linuxu_syscall(SYS_IOCTL, fd, TUNSETIFF, &ifr);
	if (rc < 0) {
		uk_pr_err("tap: cannot attach to %s (%ld): does it exist, and may we use it?\n",
			  name, rc);
		linuxu_syscall(SYS_CLOSE, fd, 0, 0);
		return 0;
	}
	/* A previous user (QEMU) may have left offloads on, and the host
	 * would then hand us UDP/TCP with partial checksums, which we
	 * cannot tell without a virtio-net header: none. */
	rc = linuxu_syscall(SYS_IOCTL, fd, TUNSETOFFLOAD, 0);
	if (rc < 0)
		uk_pr_warn("tap: cannot turn %s's offloads off (%ld)\n", name,
			   rc);
	tap.fd = (int)fd;
	tap.nd.ops = &tap_ops;
	tap.nd.drv_name = "tap";
	tap.nd.mtu = 1500;
	tap.nd.priv = &tap;
	memcpy(tap.nd.hwaddr.a, mac, sizeof(mac));
	uk_netdev_register(&tap.nd);
	return 0;
}
uk_plat_initcall(tap_init);
