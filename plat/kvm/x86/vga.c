/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm/x86: console output on the VGA 80x25 text screen (0xb8000), light
 * grey on black, scrolling, with the hardware cursor following.
 */
#include <stdint.h>
#include <kvm/setup.h>
#include <x86/cpu.h>

#define COLS		80
#define ROWS		25
#define ATTR		0x0700
#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5

#define VGA_TEXT	0xb8000UL

static volatile uint16_t *screen;
static unsigned int row, col;

static void cursor(void)
{
	unsigned int pos = row * COLS + col;

	outb(CRTC_INDEX, 0x0f);
	outb(CRTC_DATA, (uint8_t)pos);
	outb(CRTC_INDEX, 0x0e);
	outb(CRTC_DATA, (uint8_t)(pos >> 8));
}

void kvm_vga_init(void)
{
	screen = x86_phys(VGA_TEXT);
	for (unsigned int i = 0; i < ROWS * COLS; i++)
		screen[i] = ATTR | ' ';
	row = col = 0;
	cursor();
}

static void newline(void)
{
	col = 0;
	if (++row < ROWS)
		return;
	for (unsigned int i = 0; i < (ROWS - 1) * COLS; i++)
		screen[i] = screen[i + COLS];
	for (unsigned int i = (ROWS - 1) * COLS; i < ROWS * COLS; i++)
		screen[i] = ATTR | ' ';
	row = ROWS - 1;
}

void kvm_vga_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\n') {
			newline();
		} else if (c == '\r') {
			col = 0;
		} else if (c == '\t') {
			col = (col + 8) & ~7U;
			if (col >= COLS)
				newline();
		} else if (c == '\b') {
			if (col)
				col--;
		} else {
			screen[row * COLS + col] = ATTR | (uint8_t)c;
			if (++col == COLS)
				newline();
		}
	}
	cursor();
}
