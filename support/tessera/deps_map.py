# SPDX-License-Identifier: BSD-3-Clause
"""Data for tessera deps: which Linux system calls a C library function
makes (as musl 1.2.3 does on x86_64, the C library Tessera runs
unmodified programs with), and what else a function asks of the image.

Each line of CALLS is "call[,call...]: function function ...". A
function may appear on several lines; its calls are the union. A
function no line names makes no system call (string, math, malloc,
which is ukalloc's in every C library of Tessera).
"""

CALLS = """
read: read
write: write
readv: readv fread fgets fgetc getc getchar getline getdelim fscanf scanf
    vfscanf vscanf fgetc_unlocked getc_unlocked getchar_unlocked
    fgets_unlocked fread_unlocked getw fgetwc getwc getwchar fgetws ungetc
writev: writev printf vprintf fprintf vfprintf puts fputs fputc putc
    putchar fwrite fflush perror fputs_unlocked fwrite_unlocked
    fputc_unlocked putc_unlocked putchar_unlocked fflush_unlocked putw
    fputwc putwc putwchar fputws wprintf fwprintf vfwprintf dprintf
    vdprintf psignal err errx warn warnx verr verrx vwarn vwarnx
ioctl: ioctl printf vprintf puts putchar isatty tcgetattr tcsetattr
    tcflush tcdrain tcflow tcsendbreak tcgetpgrp tcsetpgrp ttyname
    ttyname_r openpty if_nametoindex if_indextoname
open: open fopen freopen creat opendir tmpfile mkstemp mkostemp mkstemps
    mkostemps shm_open getpwnam getpwuid getpwnam_r getpwuid_r getpwent
    getgrnam getgrgid getgrnam_r getgrgid_r getgrent initgroups
    getgrouplist getservbyname getservbyport getaddrinfo gethostbyname
    gethostbyname2 gethostbyname_r gethostbyname2_r gethostbyaddr
    gethostbyaddr_r getnameinfo res_query res_search res_init tzset
    localtime localtime_r mktime ctime ctime_r strftime getspnam
    pthread_setname_np pthread_getname_np nftw ftw glob realpath
    getmntent setmntent setlocale newlocale posix_openpt getusershell
openat: openat
fcntl: fcntl fdopendir lockf freopen fdopen dup3 posix_spawn
close: close fclose closedir pclose shm_unlink
lseek: lseek fseek fseeko ftell ftello rewind fgetpos fsetpos
pread64: pread
pwrite64: pwrite
preadv: preadv
pwritev: pwritev
stat: stat stat64 __xstat nftw ftw glob
lstat: lstat lstat64 __lxstat realpath nftw tmpnam tempnam
fstat: fstat fstat64 __fxstat fdopendir localtime localtime_r mktime tzset
    strftime ctime
newfstatat: fstatat fstatat64 __fxstatat
statx: statx
access: access
faccessat: faccessat euidaccess eaccess
mkdir: mkdir mkdtemp
mkdirat: mkdirat
rmdir: rmdir remove
unlink: unlink remove tmpfile
unlinkat: unlinkat
rename: rename
renameat: renameat
renameat2: renameat2
link: link
linkat: linkat
symlink: symlink
symlinkat: symlinkat
readlink: readlink realpath ttyname ttyname_r
readlinkat: readlinkat
chmod: chmod
fchmod: fchmod
fchmodat: fchmodat
chown: chown
fchown: fchown
lchown: lchown
fchownat: fchownat
truncate: truncate
ftruncate: ftruncate
fsync: fsync
fdatasync: fdatasync
sync: sync
syncfs: syncfs
umask: umask
chdir: chdir
fchdir: fchdir
getcwd: getcwd get_current_dir_name
chroot: chroot
mknod: mknod mkfifo
mknodat: mknodat mkfifoat
utimensat: utime utimes futimes lutimes futimens utimensat futimesat
getdents64: readdir readdir64 readdir_r scandir nftw ftw glob
statfs: statfs statvfs statfs64 statvfs64
fstatfs: fstatfs fstatvfs fstatfs64 fstatvfs64
dup: dup
dup2: dup2 daemon
pipe2: pipe pipe2 popen
flock: flock
fadvise64: posix_fadvise
fallocate: fallocate posix_fallocate
sendfile: sendfile sendfile64
splice: splice
tee: tee
copy_file_range: copy_file_range
memfd_create: memfd_create
inotify_init1: inotify_init inotify_init1
inotify_add_watch: inotify_add_watch
inotify_rm_watch: inotify_rm_watch
mount: mount
umount2: umount umount2
mmap: mmap mmap64 pthread_create localtime localtime_r tzset mktime
munmap: munmap pthread_create pthread_join
mprotect: mprotect pthread_create
mremap: mremap
madvise: madvise posix_madvise
msync: msync
mlock: mlock
munlock: munlock
mlockall: mlockall
munlockall: munlockall
mincore: mincore
getrandom: getrandom getentropy arc4random arc4random_buf arc4random_uniform
clone: pthread_create thrd_create timer_create
futex: pthread_join pthread_mutex_lock pthread_mutex_timedlock
    pthread_cond_wait pthread_cond_timedwait pthread_cond_signal
    pthread_cond_broadcast pthread_rwlock_rdlock pthread_rwlock_wrlock
    pthread_barrier_wait pthread_once sem_wait sem_timedwait sem_post
    call_once cnd_wait cnd_timedwait mtx_lock thrd_join pthread_spin_lock
exit: pthread_exit thrd_exit
exit_group: exit _exit _Exit quick_exit abort
set_tid_address: pthread_create
gettid: gettid
execve: execve execv execvp execvpe execl execlp execle fexecve
    posix_spawn posix_spawnp popen system
fork: fork daemon
vfork: vfork
wait4: wait waitpid wait3 wait4 pclose system
waitid: waitid
setsid: setsid daemon
getpid: getpid
getppid: getppid
getuid: getuid
geteuid: geteuid
getgid: getgid
getegid: getegid
getresuid: getresuid
getresgid: getresgid
setuid: setuid
setgid: setgid
seteuid,setresuid: seteuid
setegid,setresgid: setegid
setreuid: setreuid
setregid: setregid
setresuid: setresuid
setresgid: setresgid
getgroups: getgroups
setgroups: setgroups initgroups
getpgid: getpgid
getpgrp: getpgrp
setpgid: setpgid setpgrp
getsid: getsid
prctl: prctl
capget: capget
capset: capset
uname: uname gethostname getdomainname
sethostname: sethostname
setdomainname: setdomainname
sysinfo: sysinfo sysconf get_phys_pages get_avphys_pages getloadavg
sched_getaffinity: sched_getaffinity pthread_getaffinity_np sysconf
    get_nprocs get_nprocs_conf
sched_setaffinity: sched_setaffinity pthread_setaffinity_np
sched_yield: sched_yield pthread_yield thrd_yield
getcpu: sched_getcpu getcpu
sched_setscheduler: pthread_setschedparam
getpriority: getpriority nice
setpriority: setpriority nice
prlimit64: getrlimit setrlimit prlimit getrlimit64 setrlimit64 prlimit64
    sysconf
getrusage: getrusage
times: times
clock_gettime: clock_gettime time gettimeofday clock ftime
    pthread_cond_timedwait sem_timedwait timespec_get
clock_getres: clock_getres
clock_settime: clock_settime settimeofday stime
nanosleep: nanosleep sleep usleep thrd_sleep
clock_nanosleep: clock_nanosleep
timer_create: timer_create
timer_settime: timer_settime
timer_gettime: timer_gettime
timer_delete: timer_delete
timer_getoverrun: timer_getoverrun
setitimer: setitimer alarm ualarm
getitimer: getitimer
timerfd_create: timerfd_create
timerfd_settime: timerfd_settime
timerfd_gettime: timerfd_gettime
eventfd2: eventfd
signalfd4: signalfd
epoll_create1: epoll_create epoll_create1
epoll_ctl: epoll_ctl
epoll_pwait: epoll_wait epoll_pwait
poll: poll
ppoll: ppoll
select: select
pselect6: pselect
rt_sigaction: sigaction signal bsd_signal sigset abort siginterrupt
rt_sigprocmask: sigprocmask pthread_sigmask raise abort sigset sighold
    sigrelse pthread_create
rt_sigsuspend: sigsuspend sigpause
rt_sigpending: sigpending
rt_sigtimedwait: sigwait sigwaitinfo sigtimedwait
rt_sigqueueinfo: sigqueue
sigaltstack: sigaltstack
kill: kill killpg
tkill: raise pthread_kill abort
pause: pause
socket: socket getaddrinfo gethostbyname gethostbyname2 gethostbyname_r
    gethostbyname2_r gethostbyaddr gethostbyaddr_r getnameinfo res_query
    res_search getifaddrs if_nameindex if_nametoindex if_indextoname
    getpwnam getpwuid getpwnam_r getpwuid_r getgrnam getgrgid getgrnam_r
    getgrgid_r initgroups getgrouplist
socketpair: socketpair
bind: bind getaddrinfo gethostbyname gethostbyname_r gethostbyaddr
    getnameinfo res_query res_search getifaddrs
listen: listen
accept: accept
accept4: accept4
connect: connect getpwnam getpwuid getpwnam_r getpwuid_r getgrnam
    getgrgid initgroups
shutdown: shutdown
getsockname: getsockname
getpeername: getpeername
setsockopt: setsockopt
getsockopt: getsockopt
sendto: send sendto getaddrinfo gethostbyname gethostbyname_r
    gethostbyaddr getnameinfo res_query res_search getifaddrs
recvfrom: recv recvfrom getaddrinfo gethostbyname gethostbyname_r
    gethostbyaddr getnameinfo res_query res_search getifaddrs
sendmsg: sendmsg
recvmsg: recvmsg
sendmmsg: sendmmsg
recvmmsg: recvmmsg
"""

# Functions that ask for more than system calls, and what.
FEATURES = {
    "sockets": """socket socketpair accept accept4 connect bind listen
        getaddrinfo gethostbyname gethostbyname_r getnameinfo
        gethostbyaddr res_query""",
    "inet": """getaddrinfo gethostbyname gethostbyname_r gethostbyname2
        gethostbyaddr getnameinfo res_query res_search inet_aton
        inet_pton""",
    "threads": """pthread_create thrd_create timer_create""",
    "syslog": """syslog vsyslog openlog closelog setlogmask""",
    "dlopen": """dlopen dlsym dlclose dlerror dladdr dlinfo""",
    "syscall": """syscall""",
}

# glibc-only spellings and entry points of the same functions.
PREFIXES = ("__isoc99_", "__isoc23_")


def parse_calls(text=CALLS):
    """function -> set of calls, from the table."""
    fn = {}
    lines = []
    for raw in text.strip().splitlines():
        if raw.startswith((" ", "\t")) and lines:
            lines[-1] += " " + raw.strip()
        elif raw.strip():
            lines.append(raw.strip())
    for line in lines:
        calls, _, funcs = line.partition(":")
        for f in funcs.split():
            fn.setdefault(f, set()).update(calls.split(","))
    return fn


def features():
    return {k: set(v.split()) for k, v in FEATURES.items()}


def normalize(sym, known):
    """The portable name of a glibc symbol: __printf_chk -> printf,
    __isoc99_sscanf -> sscanf, open64 -> open (when only the short one is
    known), fstat@GLIBC... never appear (versions are not in names)."""
    if sym.startswith("__") and sym.endswith("_chk"):
        sym = sym[2:-4]
    for p in PREFIXES:
        if sym.startswith(p):
            sym = sym[len(p):]
    if sym.endswith("64") and sym not in known and sym[:-2] in known:
        sym = sym[:-2]
    return sym
