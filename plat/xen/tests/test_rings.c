/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen: the checks the ring consumers (netfront, blkfront, console) make
 * on what a backend writes, given what no real backend sends: indices
 * running ahead or behind, ids never sent or answered twice, lengths
 * and offsets past the page (ring_checks.h).
 */
#include <uk/test.h>
#include "../ring_checks.h"

UK_TESTCASE(xenrings, response_index)
{
	/* 3 requests out (req 13, cons 10): 0..3 responses are fine */
	UK_TEST_EXPECT(xen_ring_rsp_prod_ok(10, 10, 13));
	UK_TEST_EXPECT(xen_ring_rsp_prod_ok(13, 10, 13));
	UK_TEST_EXPECT(!xen_ring_rsp_prod_ok(14, 10, 13));
	UK_TEST_EXPECT(!xen_ring_rsp_prod_ok(9, 10, 13));	/* behind */
	/* across the wrap of the free-running indices */
	UK_TEST_EXPECT(xen_ring_rsp_prod_ok(2, 0xfffffffe, 5));
	UK_TEST_EXPECT(!xen_ring_rsp_prod_ok(6, 0xfffffffe, 5));
}

UK_TESTCASE(xenrings, byte_ring_index)
{
	/* we produce (console output): out_cons within 2048 behind */
	UK_TEST_EXPECT(xen_bytes_idx_ok(5000, 5000, 2048, 1));
	UK_TEST_EXPECT(xen_bytes_idx_ok(5000, 2952, 2048, 1));
	UK_TEST_EXPECT(!xen_bytes_idx_ok(5000, 2951, 2048, 1));
	UK_TEST_EXPECT(!xen_bytes_idx_ok(5000, 5001, 2048, 1));
	/* we consume (console input): in_prod within 1024 ahead */
	UK_TEST_EXPECT(xen_bytes_idx_ok(7, 7 + 1024, 1024, 0));
	UK_TEST_EXPECT(!xen_bytes_idx_ok(7, 7 + 1025, 1024, 0));
	UK_TEST_EXPECT(!xen_bytes_idx_ok(7, 6, 1024, 0));
}

UK_TESTCASE(xenrings, netfront_rx_response)
{
	struct nf_rx_rsp r = { .id = 5, .offset = 0, .status = 60 };

	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), 0);
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 6, 14, 1514, 4096), -1);
	r.status = 1514;
	r.offset = 4096 - 1514;
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), 0);
	r.offset++;		/* one byte past the page */
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), -1);
	r.offset = 0;
	r.status = 1515;
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), -1);
	r.status = 13;
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), -1);
	r.status = -1;		/* NETIF_RSP_ERROR */
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), -1);
	r.status = 100;
	r.offset = 0xffff;
	UK_TEST_EXPECT_EQ(nf_rx_rsp_ok(&r, 5, 14, 1514, 4096), -1);
}

UK_TESTCASE(xenrings, response_ids)
{
	uint8_t busy[4] = { 0, 1, 0, 1 };

	UK_TEST_EXPECT(xen_rsp_id_ok(1, busy, 4));
	UK_TEST_EXPECT(!xen_rsp_id_ok(0, busy, 4));	/* never sent */
	UK_TEST_EXPECT(!xen_rsp_id_ok(4, busy, 4));
	UK_TEST_EXPECT(!xen_rsp_id_ok(0xffffffffffffffffULL, busy, 4));
}

UK_TESTCASE(xenrings, xenstore_reply_length)
{
	UK_TEST_EXPECT(xen_xs_len_ok(0, 4096));
	UK_TEST_EXPECT(xen_xs_len_ok(4096, 4096));
	UK_TEST_EXPECT(!xen_xs_len_ok(4097, 4096));
	UK_TEST_EXPECT(!xen_xs_len_ok(0xffffffff, 4096));
}
