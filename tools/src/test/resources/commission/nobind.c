#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/socket.h>
/* Every UDP socket's bind fails, as a port taken would: what a CoAP endpoint that cannot start meets. */
int bind(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real)(int, const struct sockaddr *, socklen_t);
    if (!real) real = dlsym(RTLD_NEXT, "bind");
    int type = 0; socklen_t l = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l) == 0 && type == SOCK_DGRAM
        && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6)) {
        errno = EADDRINUSE;
        return -1;
    }
    return real(fd, addr, len);
}
