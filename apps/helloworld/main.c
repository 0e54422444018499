/* SPDX-License-Identifier: BSD-3-Clause */
/* helloworld: greets and prints its arguments. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	printf("Hello world!\n");
	for (int i = 1; i < argc; i++)
		printf("argv[%d]: %s\n", i, argv[i]);
	return 0;
}
