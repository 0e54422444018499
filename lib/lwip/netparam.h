/* SPDX-License-Identifier: BSD-3-Clause */
/* The netdev.* command-line parameters (netparam.c); NULL when unset. */
#ifndef __LWIP_NETPARAM_H__
#define __LWIP_NETPARAM_H__

const char *lwip_param_ip(void);
const char *lwip_param_gw(void);
const char *lwip_param_dns(void);

#endif /* __LWIP_NETPARAM_H__ */
