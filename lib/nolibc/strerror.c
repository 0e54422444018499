/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc: human-readable messages for the Linux error numbers. */
#include <errno.h>
#include <string.h>
#include <uk/essentials.h>

/*
 * The messages, by number. They are stored as one block of strings with a
 * 16-bit offset per number (rather than a pointer each), which keeps the
 * table a quarter of the size: this is in every image that prints.
 */
#define ERRORS(X) \
	X(SUCCESS, "Success") \
	X(PERM, "Operation not permitted") \
	X(NOENT, "No such file or directory") \
	X(SRCH, "No such process") \
	X(INTR, "Interrupted system call") \
	X(IO, "Input/output error") \
	X(NXIO, "No such device or address") \
	X(2BIG, "Argument list too long") \
	X(NOEXEC, "Exec format error") \
	X(BADF, "Bad file descriptor") \
	X(CHILD, "No child processes") \
	X(AGAIN, "Resource temporarily unavailable") \
	X(NOMEM, "Cannot allocate memory") \
	X(ACCES, "Permission denied") \
	X(FAULT, "Bad address") \
	X(NOTBLK, "Block device required") \
	X(BUSY, "Device or resource busy") \
	X(EXIST, "File exists") \
	X(XDEV, "Invalid cross-device link") \
	X(NODEV, "No such device") \
	X(NOTDIR, "Not a directory") \
	X(ISDIR, "Is a directory") \
	X(INVAL, "Invalid argument") \
	X(NFILE, "Too many open files in system") \
	X(MFILE, "Too many open files") \
	X(NOTTY, "Inappropriate ioctl for device") \
	X(TXTBSY, "Text file busy") \
	X(FBIG, "File too large") \
	X(NOSPC, "No space left on device") \
	X(SPIPE, "Illegal seek") \
	X(ROFS, "Read-only file system") \
	X(MLINK, "Too many links") \
	X(PIPE, "Broken pipe") \
	X(DOM, "Numerical argument out of domain") \
	X(RANGE, "Numerical result out of range") \
	X(DEADLK, "Resource deadlock avoided") \
	X(NAMETOOLONG, "File name too long") \
	X(NOLCK, "No locks available") \
	X(NOSYS, "Function not implemented") \
	X(NOTEMPTY, "Directory not empty") \
	X(LOOP, "Too many levels of symbolic links") \
	X(NOMSG, "No message of desired type") \
	X(IDRM, "Identifier removed") \
	X(CHRNG, "Channel number out of range") \
	X(L2NSYNC, "Level 2 not synchronized") \
	X(L3HLT, "Level 3 halted") \
	X(L3RST, "Level 3 reset") \
	X(LNRNG, "Link number out of range") \
	X(UNATCH, "Protocol driver not attached") \
	X(NOCSI, "No CSI structure available") \
	X(L2HLT, "Level 2 halted") \
	X(BADE, "Invalid exchange") \
	X(BADR, "Invalid request descriptor") \
	X(XFULL, "Exchange full") \
	X(NOANO, "No anode") \
	X(BADRQC, "Invalid request code") \
	X(BADSLT, "Invalid slot") \
	X(BFONT, "Bad font file format") \
	X(NOSTR, "Device not a stream") \
	X(NODATA, "No data available") \
	X(TIME, "Timer expired") \
	X(NOSR, "Out of streams resources") \
	X(NONET, "Machine is not on the network") \
	X(NOPKG, "Package not installed") \
	X(REMOTE, "Object is remote") \
	X(NOLINK, "Link has been severed") \
	X(ADV, "Advertise error") \
	X(SRMNT, "Srmount error") \
	X(COMM, "Communication error on send") \
	X(PROTO, "Protocol error") \
	X(MULTIHOP, "Multihop attempted") \
	X(DOTDOT, "RFS specific error") \
	X(BADMSG, "Bad message") \
	X(OVERFLOW, "Value too large for defined data type") \
	X(NOTUNIQ, "Name not unique on network") \
	X(BADFD, "File descriptor in bad state") \
	X(REMCHG, "Remote address changed") \
	X(LIBACC, "Can not access a needed shared library") \
	X(LIBBAD, "Accessing a corrupted shared library") \
	X(LIBSCN, ".lib section in a.out corrupted") \
	X(LIBMAX, "Attempting to link in too many shared libraries") \
	X(LIBEXEC, "Cannot exec a shared library directly") \
	X(ILSEQ, "Invalid or incomplete multibyte or wide character") \
	X(RESTART, "Interrupted system call should be restarted") \
	X(STRPIPE, "Streams pipe error") \
	X(USERS, "Too many users") \
	X(NOTSOCK, "Socket operation on non-socket") \
	X(DESTADDRREQ, "Destination address required") \
	X(MSGSIZE, "Message too long") \
	X(PROTOTYPE, "Protocol wrong type for socket") \
	X(NOPROTOOPT, "Protocol not available") \
	X(PROTONOSUPPORT, "Protocol not supported") \
	X(SOCKTNOSUPPORT, "Socket type not supported") \
	X(OPNOTSUPP, "Operation not supported") \
	X(PFNOSUPPORT, "Protocol family not supported") \
	X(AFNOSUPPORT, "Address family not supported by protocol") \
	X(ADDRINUSE, "Address already in use") \
	X(ADDRNOTAVAIL, "Cannot assign requested address") \
	X(NETDOWN, "Network is down") \
	X(NETUNREACH, "Network is unreachable") \
	X(NETRESET, "Network dropped connection on reset") \
	X(CONNABORTED, "Software caused connection abort") \
	X(CONNRESET, "Connection reset by peer") \
	X(NOBUFS, "No buffer space available") \
	X(ISCONN, "Transport endpoint is already connected") \
	X(NOTCONN, "Transport endpoint is not connected") \
	X(SHUTDOWN, "Cannot send after transport endpoint shutdown") \
	X(TOOMANYREFS, "Too many references: cannot splice") \
	X(TIMEDOUT, "Connection timed out") \
	X(CONNREFUSED, "Connection refused") \
	X(HOSTDOWN, "Host is down") \
	X(HOSTUNREACH, "No route to host") \
	X(ALREADY, "Operation already in progress") \
	X(INPROGRESS, "Operation now in progress") \
	X(STALE, "Stale file handle") \
	X(UCLEAN, "Structure needs cleaning") \
	X(NOTNAM, "Not a XENIX named type file") \
	X(NAVAIL, "No XENIX semaphores available") \
	X(ISNAM, "Is a named type file") \
	X(REMOTEIO, "Remote I/O error") \
	X(DQUOT, "Disk quota exceeded") \
	X(NOMEDIUM, "No medium found") \
	X(MEDIUMTYPE, "Wrong medium type") \
	X(CANCELED, "Operation canceled") \
	X(NOKEY, "Required key not available") \
	X(KEYEXPIRED, "Key has expired") \
	X(KEYREVOKED, "Key has been revoked") \
	X(KEYREJECTED, "Key was rejected by service") \
	X(OWNERDEAD, "Owner died") \
	X(NOTRECOVERABLE, "State not recoverable") \
	X(RFKILL, "Operation not possible due to RF-kill") \
	X(HWPOISON, "Memory page has hardware error")

#define ESUCCESS 0

struct err_text {
#define ERR_FIELD(n, s) char m_##n[sizeof(s)];
	ERRORS(ERR_FIELD)
#undef ERR_FIELD
};

static const struct err_text err_text = {
#define ERR_TEXT(n, s) s,
	ERRORS(ERR_TEXT)
#undef ERR_TEXT
};

/* Offset + 1 of each number's message; 0: no message. */
static const unsigned short err_offset[] = {
#define ERR_OFFSET(n, s) [E##n] = __builtin_offsetof(struct err_text, m_##n) + 1,
	ERRORS(ERR_OFFSET)
#undef ERR_OFFSET
};

/* The message of @errnum, or NULL for numbers without one. */
static const char *err_msg(int errnum)
{
	if (errnum < 0 || (unsigned int)errnum >= UK_ARRAY_SIZE(err_offset) ||
	    !err_offset[errnum])
		return NULL;
	return (const char *)&err_text + err_offset[errnum] - 1;
}

/* Writes "Unknown error N" into @buf (at least 32 bytes). */
static void unknown_msg(int errnum, char *buf)
{
	static const char prefix[] = "Unknown error ";
	char digits[12];
	unsigned int v = errnum < 0 ? 0U - (unsigned int)errnum
				    : (unsigned int)errnum;
	int n = 0;

	memcpy(buf, prefix, sizeof(prefix) - 1);
	buf += sizeof(prefix) - 1;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (errnum < 0)
		*buf++ = '-';
	while (n)
		*buf++ = digits[--n];
	*buf = '\0';
}

char *strerror(int errnum)
{
	static char unknown[32];
	const char *msg = err_msg(errnum);

	if (msg)
		return (char *)msg;
	unknown_msg(errnum, unknown);
	return unknown;
}

int strerror_r(int errnum, char *buf, size_t buflen)
{
	char tmp[32];
	const char *msg = err_msg(errnum);
	size_t len;
	int ret = 0;

	if (!msg) {
		unknown_msg(errnum, tmp);
		msg = tmp;
		ret = EINVAL;
	}
	len = strlen(msg);
	if (buflen == 0)
		return ERANGE;
	if (len >= buflen) {
		memcpy(buf, msg, buflen - 1);
		buf[buflen - 1] = '\0';
		return ERANGE;
	}
	memcpy(buf, msg, len + 1);
	return ret;
}
