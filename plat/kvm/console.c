/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm: the console. COM1 (16550 UART at I/O port 0x3f8) for output and
 * non-blocking input; optionally also the VGA text screen for output.
 */
#include <errno.h>
#include <uk/plat/console.h>
#include <kvm/setup.h>
#include <x86/cpu.h>

#define COM1		0x3f8
#define UART_DATA	0	/* RBR (read), THR (write); DLL with DLAB */
#define UART_IER	1	/* DLM with DLAB */
#define UART_FCR	2	/* write; IIR when read */
#define UART_IIR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define LSR_DR		0x01	/* a byte is waiting */
#define LSR_THRE	0x20	/* the transmitter takes a byte */
#define IIR_FIFOS_ON	0xc0
#define FCR_ENABLE	0x01
#define FCR_CLEAR_TX	0x04
#define FCR_TRIGGER_14	0xc0

void kvm_console_init(void)
{
#if CONFIG_KVM_SERIAL_CONSOLE
	outb(COM1 + UART_IER, 0);		/* no interrupts */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, 1);		/* 115200 baud */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	/*
	 * Input may be waiting already (typed or piped in before boot).
	 * A 16550 empties its receiver whenever the FIFO enable bit changes
	 * or the clear bit is written, so the receiver's state is kept:
	 * FIFOs the firmware turned on stay on (only the transmitter's is
	 * cleared), FIFOs that are off stay off (the UART then holds one
	 * byte; QEMU keeps the rest in its character device).
	 */
	if ((inb(COM1 + UART_IIR) & IIR_FIFOS_ON) == IIR_FIFOS_ON)
		outb(COM1 + UART_FCR,
		     FCR_TRIGGER_14 | FCR_CLEAR_TX | FCR_ENABLE);
	outb(COM1 + UART_MCR, 0x03);		/* DTR, RTS */
#endif
#if CONFIG_KVM_VGA_CONSOLE
	kvm_vga_init();
#endif
}

int ukplat_coutk(const char *buf, size_t len)
{
#if CONFIG_KVM_SERIAL_CONSOLE
	for (size_t i = 0; i < len; i++) {
		while (!(inb(COM1 + UART_LSR) & LSR_THRE))
			;
		outb(COM1 + UART_DATA, (uint8_t)buf[i]);
	}
#endif
#if CONFIG_KVM_VGA_CONSOLE
	kvm_vga_write(buf, len);
#endif
	return (int)len;
}

/* One serial line for everything: crash reports share it with output. */
int ukplat_cerrk(const char *buf, size_t len)
{
	return ukplat_coutk(buf, len);
}

int ukplat_cink(char *buf, size_t maxlen)
{
	size_t n = 0;

#if CONFIG_KVM_SERIAL_CONSOLE
	while (n < maxlen && (inb(COM1 + UART_LSR) & LSR_DR))
		buf[n++] = (char)inb(COM1 + UART_DATA);
#else
	(void)buf;
	(void)maxlen;
#endif
	return (int)n;
}
