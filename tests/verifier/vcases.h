/* SPDX-License-Identifier: MIT */
/*
 * tests/verifier/vcases.h - the verifier's table of small programs: each
 * is accepted, or refused with a message (a substring of the log), by
 * bpfhost and, for the differential test, by the kernel.
 *
 * Maps the programs name as map[idx:N] (the test creates them, on both
 * sides): 0 HASH k4 v8 x16, 1 ARRAY k4 v8 x4, 2 ARRAY k4 v16 x1 (global
 * data), 3 ARRAY k4 v8 x1 BPF_F_RDONLY_PROG, 4 QUEUE v4 x4, 5 RINGBUF 4096,
 * 6 PROG_ARRAY x4, 7 DEVMAP k4 v4 x4, 8 ARRAY k4 v32 x1 BPF_F_RDONLY_PROG
 * frozen, holding vharness.h's vh_rodata strings; with BTF (vh_btf):
 * 9 ARRAY k4 v16 x2 and 10 HASH k4 v16 x4 of struct val_lock (a
 * bpf_spin_lock at 0, int cnt at 4, long sum at 8), 11 ARRAY k4 v8 x2 of
 * long, 12 ARRAY k4 v24 x2 of struct val_timer (a bpf_timer at 0);
 * 13 USER_RINGBUF 4096.
 */
#ifndef BH_TESTS_VCASES_H
#define BH_TESTS_VCASES_H

#define X 6  /* BPF_PROG_TYPE_XDP */
#define S 31 /* BPF_PROG_TYPE_SYSCALL */

struct vcase {
	const char *name;
	int type;
	const char *text;
	const char *err; /* NULL: accepted */
};

/* Names starting "cb_" use callbacks: the kernel refuses raw instructions
 * with callbacks for want of BTF func_info (metadata, not safety), so the
 * differential test does not compare them. */
#define VCASE_KERNEL_NEEDS_BTF(c) (!strncmp((c)->name, "cb_", 3))

#define RET0 "mov %r0, 0\nexit\n"
#define KEY_FP4 "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\n"
#define LOOKUP(m) KEY_FP4 "lddw %r1, map[idx:" #m "]\ncall 1\n"
#define PKT "ldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\n"
/* a ring buffer dynptr of N bytes at fp-16; submit (199) or discard (200) it */
#define RESDYN(n) "lddw %r1, map[idx:5]\nmov %r2, " #n "\nmov %r3, 0\nmov %r4, %r10\nadd %r4, -16\ncall 198\n"
#define SUBDYN(f) "mov %r1, %r10\nadd %r1, -16\nmov %r2, 0\ncall " #f "\n"
/* a local dynptr at fp-16 over the 8-byte map value in r0 */
#define FROMMEM "mov %r1, %r0\nmov %r2, 8\nmov %r3, 0\nmov %r4, %r10\nadd %r4, -16\ncall 197\n"

static const struct vcase vcases[] = {
	/* ---- registers, return ---- */
	{ "ret_const", X, RET0, NULL },
	{ "ret_uninit", X, "exit\n", "R0 !read_ok" },
	{ "ret_pointer_priv", X, "mov %r0, %r10\nexit\n", NULL },
	{ "ret_ctx_syscall", S, "mov %r0, %r1\nexit\n", NULL },
	{ "r2_uninit", X, "mov %r0, %r2\nexit\n", "R2 !read_ok" },
	{ "fp_write", X, "mov %r10, 0\n" RET0, "frame pointer is read only" },
	/* ---- stack ---- */
	{ "stack_read_oob", X, "ldxdw %r0, [%r10-520]\nexit\n",
	  "invalid read from stack R10 off=-520 size=8" },
	{ "stack_write_oob", X, "stdw [%r10+0], 1\n" RET0,
	  "invalid write to stack R10 off=0 size=8" },
	{ "stack_write_oob_neg", X, "stdw [%r10-520], 1\n" RET0, "invalid write to stack R10 off=-520 size=8" },
	{ "stack_write_misaligned_oob", X, "stdw [%r10-516], 1\n" RET0, "misaligned stack access" },
	{ "stack_spill_fill", X, "stxdw [%r10-8], %r1\nldxdw %r0, [%r10-8]\nexit\n", NULL },
	{ "stack_uninit_read_priv", X, "ldxdw %r0, [%r10-8]\nexit\n", NULL },
	{ "stack_misaligned", X, "mov %r2, 1\nstxw [%r10-6], %r2\n" RET0,
	  "misaligned stack access" },
	{ "stack_partial_ptr_spill", X, "stxw [%r10-8], %r1\n" RET0,
	  "invalid size of register spill" },
	{ "stack_partial_ptr_fill", X,
	  "stxdw [%r10-8], %r1\nldxw %r0, [%r10-8]\nexit\n",
	  "invalid size of register fill" },
	{ "stack_fill_ctx_then_read", X,
	  "stxdw [%r10-8], %r1\nldxdw %r2, [%r10-8]\nldxw %r0, [%r2+12]\nexit\n", NULL },
	{ "stack_spill_overwritten", X,
	  "stxdw [%r10-8], %r1\nstb [%r10-8], 0\nldxdw %r2, [%r10-8]\nldxw %r0, [%r2+12]\nexit\n",
	  "R2 invalid mem access 'scalar'" },
	{ "stack_scalar_spill_bounds", X,
	  LOOKUP(1) "jeq %r0, 0, out\nmov %r1, 4\nstxdw [%r10-16], %r1\n"
	  "ldxdw %r1, [%r10-16]\nadd %r0, %r1\nldxw %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "stack_zero_bytes", X, "stw [%r10-8], 0\nldxw %r0, [%r10-8]\nexit\n", NULL },
	{ "stack_var_off_read", X,
	  "ldxw %r2, [%r1+12]\nand %r2, 8\nmov %r3, %r10\nadd %r3, -16\nadd %r3, %r2\n"
	  "ldxdw %r0, [%r3+0]\nexit\n", NULL },
	{ "stack_var_off_oob", X,
	  "ldxw %r2, [%r1+12]\nand %r2, 16\nmov %r3, %r10\nadd %r3, -16\nadd %r3, %r2\n"
	  "ldxdw %r0, [%r3+0]\nexit\n", "invalid variable-offset read from stack R3" },
	/* ---- context ---- */
	{ "xdp_ctx_read", X, "ldxw %r0, [%r1+12]\nexit\n", NULL },
	{ "xdp_ctx_read_rxq", X, "ldxw %r0, [%r1+16]\nexit\n", NULL },
	{ "xdp_ctx_read_dw", X, "ldxdw %r0, [%r1+0]\nexit\n",
	  "invalid bpf_context access off=0 size=8" },
	{ "xdp_ctx_read_byte", X, "ldxb %r0, [%r1+12]\nexit\n",
	  "invalid bpf_context access off=12 size=1" },
	{ "xdp_ctx_write", X, "mov %r2, 0\nstxw [%r1+12], %r2\n" RET0,
	  "invalid bpf_context access off=12 size=4" },
	{ "xdp_ctx_st", X, "stw [%r1+12], 0\n" RET0,
	  "invalid bpf_context access off=12 size=4" },
	/* helpers the kernel marks pkt_access take packet memory */
	{ "pkt_map_key_and_csum", X,
	  PKT "mov %r4, %r2\nadd %r4, 16\njgt %r4, %r3, out\nmov %r6, %r2\n"
	  "lddw %r1, map[idx:1]\ncall 1\nmov %r1, %r6\nmov %r2, 4\nmov %r3, 0\n"
	  "mov %r4, 0\nmov %r5, 0\ncall 28\nout:\n" RET0, NULL },
	/* an immediate store into a writable context field: as a register's */
	{ "tc_ctx_st_mark", 3, "stw [%r1+8], 7\n" RET0, NULL },
	{ "xdp_ctx_egress", X, "ldxw %r0, [%r1+20]\nexit\n",
	  "invalid bpf_context access off=20 size=4" },
	{ "xdp_ctx_past_end", X, "ldxw %r0, [%r1+24]\nexit\n",
	  "invalid bpf_context access off=24 size=4" },
	{ "xdp_ctx_negative", X, "ldxw %r0, [%r1-4]\nexit\n",
	  "invalid bpf_context access off=-4 size=4" },
	{ "ctx_modified", X, "add %r1, 4\nldxw %r0, [%r1+0]\nexit\n",
	  "dereference of modified ctx ptr R1 off=4 disallowed" },
	{ "ctx_var_off", X,
	  "ldxw %r2, [%r1+12]\nand %r2, 4\nadd %r1, %r2\nldxw %r0, [%r1+0]\nexit\n",
	  "variable ctx access var_off=" },
	{ "syscall_ctx_read", S, "ldxdw %r0, [%r1+8]\nexit\n", NULL },
	{ "syscall_ctx_write", S, "mov %r2, 5\nstxdw [%r1+0], %r2\n" RET0, NULL },
	{ "syscall_ctx_st", S, "stdw [%r1+0], 1\n" RET0, NULL },
	{ "syscall_ctx_unaligned", S, "ldxw %r0, [%r1+2]\nexit\n",
	  "invalid bpf_context access off=2 size=4" },
	{ "syscall_ctx_far", S, "ldxw %r0, [%r1+4096]\nexit\n", NULL },
	{ "syscall_ctx_printk", S, "mov %r2, 8\ncall 6\nexit\n",
	  "R1 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value, mem" },
	/* ---- packet ---- */
	{ "pkt_checked", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\nldxb %r0, [%r2+13]\nexit\nout:\n" RET0,
	  NULL },
	{ "pkt_unchecked", X, PKT "ldxb %r0, [%r2+0]\nexit\n",
	  "invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)" },
	{ "pkt_off_by_one", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\nldxb %r0, [%r2+14]\nexit\nout:\n" RET0,
	  "invalid access to packet, off=14 size=1, R2(id=0,off=14,r=14)" },
	{ "pkt_wrong_branch", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\n" RET0 "out:\nldxb %r0, [%r2+0]\nexit\n",
	  "invalid access to packet" },
	{ "pkt_jlt", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njlt %r4, %r3, ok\n" RET0 "ok:\nldxb %r0, [%r2+14]\nexit\n",
	  NULL },
	{ "pkt_jlt_rev", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njlt %r3, %r4, out\nldxb %r0, [%r2+13]\nexit\nout:\n" RET0,
	  NULL },
	{ "pkt_jge", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njge %r4, %r3, out\nldxb %r0, [%r2+14]\nexit\nout:\n" RET0,
	  NULL },
	{ "pkt_jge_too_far", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njge %r4, %r3, out\nldxb %r0, [%r2+15]\nexit\nout:\n" RET0,
	  "invalid access to packet" },
	{ "pkt_jle", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njle %r4, %r3, ok\n" RET0 "ok:\nldxw %r0, [%r2+10]\nexit\n",
	  NULL },
	{ "pkt_jgt_rev", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r3, %r4, ok\n" RET0 "ok:\nldxb %r0, [%r2+14]\nexit\n",
	  NULL },
	{ "pkt_end_deref", X, PKT "ldxb %r0, [%r3+0]\nexit\n",
	  "R3 invalid mem access 'pkt_end'" },
	{ "pkt_end_arith", X, PKT "add %r3, 1\n" RET0,
	  "R3 pointer arithmetic on pkt_end prohibited" },
	{ "pkt_write", X,
	  PKT "mov %r4, %r2\nadd %r4, 2\njgt %r4, %r3, out\nsth [%r2+0], 7\nout:\n" RET0, NULL },
	{ "pkt_var_checked", X,
	  PKT "ldxw %r5, [%r1+12]\nand %r5, 0xff\nadd %r2, %r5\nmov %r4, %r2\nadd %r4, 1\n"
	  "jgt %r4, %r3, out\nldxb %r0, [%r2+0]\nexit\nout:\n" RET0, NULL },
	{ "pkt_var_unchecked", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\nldxw %r5, [%r1+12]\nand %r5, 7\n"
	  "add %r2, %r5\nldxb %r0, [%r2+0]\nexit\nout:\n" RET0, "invalid access to packet" },
	{ "pkt_var_unbounded_min", X,
	  PKT "ldxdw %r5, [%r10-8]\nadd %r2, %r5\n" RET0,
	  "math between pkt pointer and register with unbounded min value is not allowed" },
	{ "pkt_var_too_big", X,
	  PKT "ldxw %r5, [%r1+12]\nadd %r2, %r5\nmov %r4, %r2\nadd %r4, 1\n"
	  "jgt %r4, %r3, out\nldxb %r0, [%r2+0]\nexit\nout:\n" RET0, "invalid access to packet" },
	{ "pkt_meta_checked", X,
	  "ldxw %r2, [%r1+8]\nldxw %r3, [%r1+0]\nmov %r4, %r2\nadd %r4, 4\njgt %r4, %r3, out\n"
	  "ldxw %r0, [%r2+0]\nexit\nout:\n" RET0, NULL },
	{ "pkt_meta_unchecked", X, "ldxw %r2, [%r1+8]\nldxw %r0, [%r2+0]\nexit\n",
	  "invalid access to packet" },
	{ "pkt_after_adjust_head", X,
	  "mov %r6, %r1\nldxw %r7, [%r1+0]\nldxw %r3, [%r1+4]\nmov %r4, %r7\nadd %r4, 14\n"
	  "jgt %r4, %r3, out\nmov %r1, %r6\nmov %r2, 0\ncall 44\nldxb %r0, [%r7+0]\nexit\nout:\n" RET0,
	  "R7 invalid mem access 'scalar'" },
	{ "pkt_ptr_sub_range", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\nldxb %r0, [%r4-1]\nexit\nout:\n" RET0, NULL },
	{ "pkt_negative_off", X,
	  PKT "mov %r4, %r2\nadd %r4, 14\njgt %r4, %r3, out\nldxb %r0, [%r2-1]\nexit\nout:\n" RET0,
	  "invalid access to packet" },
	/* ---- maps ---- */
	{ "devmap_redirect", X,
	  "mov %r2, 0\nmov %r3, 0\nlddw %r1, map[idx:7]\ncall 51\nexit\n", NULL },
	{ "redirect_map_on_hash", X,
	  "mov %r2, 0\nmov %r3, 0\nlddw %r1, map[idx:0]\ncall 51\nexit\n",
	  "cannot pass map_type 1 into func bpf_redirect_map#51" },
	{ "devmap_lookup_read", X,
	  LOOKUP(7) "jeq %r0, 0, out\nldxw %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "devmap_lookup_write", X,
	  LOOKUP(7) "jeq %r0, 0, out\nstw [%r0+0], 1\nout:\n" RET0,
	  "write into map forbidden, value_size=4 off=0 size=4" },
	{ "devmap_update", X,
	  KEY_FP4 "mov %r3, %r2\nmov %r4, 0\nlddw %r1, map[idx:7]\ncall 2\n" RET0,
	  "write into map forbidden" }, /* device maps are read-only to programs */
	{ "rdonly_prog_array_update", X,
	  KEY_FP4 "stdw [%r10-16], 0\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\n"
	  "lddw %r1, map[idx:3]\ncall 2\n" RET0,
	  "write into map forbidden" },
	{ "devmap_delete", X,
	  KEY_FP4 "lddw %r1, map[idx:7]\ncall 3\n" RET0, "write into map forbidden" },
	{ "map_lookup_checked", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxdw %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_lookup_no_null_check", X, LOOKUP(0) "ldxdw %r0, [%r0+0]\nexit\n",
	  "R0 invalid mem access 'map_value_or_null'" },
	{ "map_value_oob", X, LOOKUP(0) "jeq %r0, 0, out\nldxw %r0, [%r0+8]\nexit\nout:\n" RET0,
	  "invalid access to map value, value_size=8 off=8 size=4" },
	{ "map_value_oob_straddle", X, LOOKUP(0) "jeq %r0, 0, out\nldxdw %r0, [%r0+4]\nexit\nout:\n" RET0,
	  "invalid access to map value, value_size=8 off=4 size=8" },
	{ "map_value_negative", X, LOOKUP(0) "jeq %r0, 0, out\nldxb %r0, [%r0-1]\nexit\nout:\n" RET0,
	  "invalid access to map value, value_size=8 off=-1 size=1" },
	{ "map_null_copy", X,
	  LOOKUP(0) "mov %r6, %r0\njeq %r0, 0, out\nldxdw %r0, [%r6+0]\nexit\nout:\n" RET0, NULL },
	{ "map_null_check_jne", X,
	  LOOKUP(0) "jne %r0, 0, ok\n" RET0 "ok:\nldxdw %r0, [%r0+0]\nexit\n", NULL },
	{ "map_null_wrong_branch", X,
	  LOOKUP(0) "jne %r0, 0, out\nldxdw %r0, [%r0+0]\nexit\nout:\n" RET0,
	  "R0 invalid mem access 'scalar'" },
	{ "map_arith_before_check", X, LOOKUP(0) "add %r0, 4\n" RET0,
	  "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first" },
	{ "map_var_index_and", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\nand %r1, 7\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_var_index_unbounded", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\nadd %r0, %r1\nldxb %r0, [%r0+0]\nexit\nout:\n" RET0,
	  "R0 unbounded memory access, make sure to bounds check any such access" },
	{ "map_var_index_too_big", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\nand %r1, 15\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0,
	  "R0 max value is outside of the allowed memory range" },
	{ "map_var_index_jgt", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\njgt %r1, 7, out\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_var_index_jgt32", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\njgt32 %r1, 7, out\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_var_index_jge_off_by_one", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\njgt %r1, 8, out\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, "R0 max value is outside of the allowed memory range" },
	{ "map_var_index_signed", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxdw %r1, [%r0+0]\njsgt %r1, 7, out\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0,
	  "math between map_value pointer and register with unbounded min value is not allowed" },
	{ "map_var_index_signed_both", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxdw %r1, [%r0+0]\njsgt %r1, 7, out\njslt %r1, 0, out\n"
	  "add %r0, %r1\nldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_var_index_copy_checked", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxw %r1, [%r0+0]\nmov %r2, %r1\njgt %r2, 7, out\n"
	  "add %r0, %r1\nldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "map_key_uninit_priv", X,
	  "mov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:0]\ncall 1\n" RET0, NULL },
	{ "map_key_scalar", X, "mov %r2, 0\nlddw %r1, map[idx:0]\ncall 1\n" RET0,
	  "R2 type=scalar expected=fp" },
	{ "map_key_stack_oob", X,
	  "mov %r2, %r10\nadd %r2, -2\nlddw %r1, map[idx:0]\ncall 1\n" RET0,
	  "invalid read from stack R2 off=-2 size=4" },
	{ "map_arg_scalar", X, KEY_FP4 "mov %r1, 0\ncall 1\n" RET0,
	  "R1 type=scalar expected=map_ptr" },
	{ "map_key_from_map_value", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r2, %r0\nlddw %r1, map[idx:0]\ncall 1\nout:\n" RET0, NULL },
	{ "map_update", X,
	  KEY_FP4 "stdw [%r10-16], 1\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\n"
	  "lddw %r1, map[idx:0]\ncall 2\nexit\n", NULL },
	{ "map_update_value_short", X,
	  KEY_FP4 "mov %r3, %r10\nadd %r3, -4\nmov %r4, 0\nlddw %r1, map[idx:0]\ncall 2\nexit\n",
	  "invalid read from stack R3 off=-4 size=8" },
	{ "map_delete", X, KEY_FP4 "lddw %r1, map[idx:0]\ncall 3\nexit\n", NULL },
	{ "map_rdonly_write", X, LOOKUP(3) "jeq %r0, 0, out\nstw [%r0+0], 1\nout:\n" RET0,
	  "write into map forbidden, value_size=8 off=0 size=4" },
	{ "map_rdonly_read", X, LOOKUP(3) "jeq %r0, 0, out\nldxw %r0, [%r0+4]\nexit\nout:\n" RET0,
	  NULL },
	{ "map_global_data", X, "lddw %r1, map[idx:2]+4\nldxw %r0, [%r1+0]\nexit\n", NULL },
	{ "map_global_data_oob", X, "lddw %r1, map[idx:2]+12\nldxdw %r0, [%r1+0]\nexit\n",
	  "invalid access to map value, value_size=16 off=12 size=8" },
	{ "map_ptr_arith", X, "lddw %r1, map[idx:0]\nadd %r1, 8\n" RET0,
	  "R1 pointer arithmetic on map_ptr prohibited" },
	{ "map_queue_lookup", X, LOOKUP(4) RET0, "invalid zero-sized read" }, /* key_size 0 */
	{ "map_queue_delete", X,
	  "mov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:4]\ncall 3\n" RET0,
	  "invalid zero-sized read" },
	{ "map_queue_push", X,
	  "stw [%r10-4], 1\nmov %r2, %r10\nadd %r2, -4\nmov %r3, 0\nlddw %r1, map[idx:4]\ncall 87\nexit\n",
	  NULL },
	{ "map_array_const_key_not_null", X, LOOKUP(1) "ldxdw %r0, [%r0+0]\nexit\n", NULL },
	{ "map_array_key_out_of_range", X,
	  "stw [%r10-4], 4\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:1]\ncall 1\n"
	  "ldxdw %r0, [%r0+0]\nexit\n", "R0 invalid mem access 'map_value_or_null'" },
	{ "map_array_key_spilled_const", X,
	  "mov %r1, 3\nstxdw [%r10-8], %r1\nmov %r2, %r10\nadd %r2, -8\nlddw %r1, map[idx:1]\n"
	  "call 1\nldxdw %r0, [%r0+0]\nexit\n",
	  "R0 invalid mem access 'map_value_or_null'" }, /* 8-byte spill, 4-byte key */
	{ "map_hash_const_key_null", X, LOOKUP(0) "ldxdw %r0, [%r0+0]\nexit\n",
	  "R0 invalid mem access 'map_value_or_null'" },
	{ "map_array_write_value", X,
	  LOOKUP(1) "jeq %r0, 0, out\nstdw [%r0+0], 5\nout:\n" RET0, NULL },
	/* ---- ALU ---- */
	{ "alu_div_by_zero_imm", X, "mov %r0, 1\ndiv %r0, 0\nexit\n", "div by zero" },
	{ "alu_mod_by_zero_imm", X, "mov %r0, 1\nmod32 %r0, 0\nexit\n", "div by zero" },
	{ "alu_shift_64", X, "mov %r0, 1\nlsh %r0, 64\nexit\n", "invalid shift 64" },
	{ "alu_shift32_32", X, "mov %r0, 1\nrsh32 %r0, 32\nexit\n", "invalid shift 32" },
	{ "alu_div_by_reg_zero", X, "mov %r0, 5\nmov %r1, 0\ndiv %r0, %r1\nexit\n", NULL },
	{ "alu_ptr_and", X, "mov %r0, %r10\nand %r0, 7\nexit\n",
	  "R0 bitwise operator &= on pointer prohibited" },
	{ "alu_ptr_mul", X, "mov %r0, %r10\nmul %r0, 2\nexit\n",
	  "R0 pointer arithmetic with *= operator prohibited" },
	{ "alu_ptr_plus_ptr", X, "mov %r0, %r10\nadd %r0, %r10\nexit\n",
	  "R0 pointer += pointer prohibited" },
	{ "alu_ptr_minus_ptr_priv", X, "mov %r0, %r10\nsub %r0, %r10\nexit\n", NULL },
	{ "alu_scalar_minus_ptr", X, "mov %r0, 5\nsub %r0, %r10\nexit\n",
	  "R0 tried to subtract pointer from scalar" },
	{ "alu_fp_sub_reg", X, "mov %r0, %r10\nmov %r2, 8\nsub %r0, %r2\nexit\n",
	  "R0 subtraction from stack pointer prohibited" },
	{ "alu_ptr_add32", X, "mov %r0, %r10\nadd32 %r0, 8\nexit\n",
	  "R0 32-bit pointer arithmetic prohibited" },
	{ "alu_ptr_mov32_priv", X, "mov32 %r0, %r10\nexit\n", NULL },
	{ "alu_ptr_neg_priv", X, "mov %r0, %r10\nneg %r0\nexit\n", NULL },
	{ "alu_scalar_deref", X, "mov %r1, 0\nldxdw %r0, [%r1+0]\nexit\n",
	  "R1 invalid mem access 'scalar'" },
	{ "alu_movsx", X, "mov %r1, -1\nmovsx864 %r0, %r1\nexit\n", NULL },
	{ "alu_sext_idiom_index", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nlsh %r1, 32\narsh %r1, 32\n"
	  "and %r1, 7\nadd %r0, %r1\nldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "alu_mul_bounds", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nand %r1, 3\nmul %r1, 2\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "alu_rsh_bounds", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nrsh %r1, 5\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "alu_rsh_too_wide", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nrsh %r1, 4\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, "R0 max value is outside of the allowed memory range" },
	{ "alu_alu32_zext", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxdw %r1, [%r0+0]\nmov32 %r1, %r1\nand32 %r1, 7\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "alu_add_overflow", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nadd %r1, -1\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, "R0 min value is negative" },
	{ "alu_or_bounds", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nand %r1, 3\nor %r1, 4\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, NULL },
	{ "alu_xor_bounds_oob", X,
	  LOOKUP(0) "jeq %r0, 0, out\nldxb %r1, [%r0+0]\nand %r1, 7\nxor %r1, 8\nadd %r0, %r1\n"
	  "ldxb %r0, [%r0+0]\nexit\nout:\n" RET0, "R0 min value is outside of the allowed memory range" },
	/* ---- control flow ---- */
	{ "cf_bounded_loop", X, "mov %r0, 0\nl:\nadd %r0, 1\njlt %r0, 10, l\nexit\n", NULL },
	{ "cf_infinite_loop", X, "mov %r0, 0\nl:\nja l\n", "infinite loop detected at insn 1" },
	{ "cf_unreachable", X, RET0 RET0, "unreachable insn 2" },
	{ "cf_dead_branch", X,
	  "mov %r1, 5\njgt %r1, 3, ok\nldxdw %r0, [%r1+0]\nok:\n" RET0, NULL },
	{ "cf_dead_branch32", X,
	  "mov %r1, 5\njgt32 %r1, 3, ok\nldxdw %r0, [%r1+0]\nok:\n" RET0, NULL },
	{ "cf_jset_dead", X,
	  "mov %r1, 6\njset %r1, 1, bad\n" RET0 "bad:\nldxdw %r0, [%r1+0]\nexit\n", NULL },
	{ "cf_loop_map_index", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, 0\nl:\nmov %r2, %r0\nadd %r2, %r1\nstb [%r2+0], 0\n"
	  "add %r1, 1\njlt %r1, 8, l\nout:\n" RET0, NULL },
	{ "cf_loop_map_index_oob", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, 0\nl:\nmov %r2, %r0\nadd %r2, %r1\nstb [%r2+0], 0\n"
	  "add %r1, 1\njle %r1, 8, l\nout:\n" RET0, "invalid access to map value, value_size=8 off=8 size=1" },
	/* ---- subprograms ---- */
	{ "sub_call", X, "mov %r1, 1\ncall local f\nexit\nf:\nmov %r0, %r1\nexit\n", NULL },
	{ "sub_uninit_arg", X, "mov %r1, 1\ncall local f\nexit\nf:\nmov %r0, %r2\nexit\n",
	  "R2 !read_ok" },
	{ "sub_return_fp", X, "call local f\nmov %r0, 0\nexit\nf:\nmov %r0, %r10\nexit\n",
	  "cannot return stack pointer to the caller" },
	{ "sub_caller_stack", X,
	  "mov %r1, %r10\nadd %r1, -8\ncall local f\nldxdw %r0, [%r10-8]\nexit\n"
	  "f:\nstdw [%r1+0], 7\nmov %r0, 0\nexit\n", NULL },
	{ "sub_caller_stack_oob", X,
	  "mov %r1, %r10\nadd %r1, -8\ncall local f\nldxdw %r0, [%r10-8]\nexit\n"
	  "f:\nstdw [%r1+8], 7\nmov %r0, 0\nexit\n", "invalid write to stack R1 off=0 size=8" },
	{ "sub_stack_too_large", X,
	  "stdw [%r10-304], 0\ncall local f\nexit\nf:\nstdw [%r10-304], 0\nmov %r0, 0\nexit\n",
	  "combined stack size of 2 calls is 608. Too large" },
	{ "sub_stack_fits", X,
	  "stdw [%r10-200], 0\ncall local f\nexit\nf:\nstdw [%r10-200], 0\nmov %r0, 0\nexit\n", NULL },
	{ "sub_r1_clobbered", X, "mov %r1, 1\ncall local f\nmov %r0, %r1\nexit\nf:\nmov %r0, 0\nexit\n",
	  "R1 !read_ok" },
	{ "sub_ctx_arg", X, "call local f\nexit\nf:\nldxw %r0, [%r1+12]\nexit\n", NULL },
	{ "sub_map_value_arg", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, %r0\ncall local f\nexit\nout:\n" RET0
	  "f:\nldxdw %r0, [%r1+0]\nexit\n", NULL },
	{ "sub_map_value_arg_oob", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, %r0\ncall local f\nexit\nout:\n" RET0
	  "f:\nldxdw %r0, [%r1+8]\nexit\n", "invalid access to map value, value_size=8 off=8 size=8" },
	/* ---- helpers ---- */
	{ "helper_ktime", X, "call 5\nexit\n", NULL },
	{ "helper_clobbers_r1", X, "call 5\nmov %r0, %r1\nexit\n", "R1 !read_ok" },
	{ "helper_printk", X,
	  "stdw [%r10-8], 0x41\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 8\ncall 6\nexit\n", NULL },
	{ "helper_printk_zero", X,
	  "stdw [%r10-8], 0x41\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 0\ncall 6\nexit\n",
	  "R2 invalid zero-sized read" },
	{ "helper_printk_too_long", X,
	  "stdw [%r10-8], 0x41\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 16\ncall 6\nexit\n",
	  "invalid read from stack R1 off=-8 size=16" },
	{ "helper_printk_unbounded", X,
	  "ldxw %r2, [%r1+12]\nadd %r2, 1\nmov %r1, %r10\nadd %r1, -8\ncall 6\nexit\n",
	  "R2 unbounded memory access, use 'var &= const' or 'if (var < const)'" },
	{ "helper_printk_negative", X,
	  "ldxdw %r2, [%r10-16]\nmov %r1, %r10\nadd %r1, -8\ncall 6\nexit\n",
	  "R2 min value is negative, either use unsigned or 'var &= const'" },
	{ "helper_printk_var_size", X,
	  "ldxw %r2, [%r1+12]\nand %r2, 7\nadd %r2, 1\nmov %r1, %r10\nadd %r1, -8\ncall 6\nexit\n",
	  NULL },
	{ "helper_printk_scalar_buf", X, "mov %r1, 0\nmov %r2, 8\ncall 6\nexit\n",
	  "R1 type=scalar expected=fp" },
	{ "helper_printk_map_value", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, %r0\nmov %r2, 8\ncall 6\nout:\n" RET0, NULL },
	{ "helper_printk_map_value_oob", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, %r0\nmov %r2, 9\ncall 6\nout:\n" RET0,
	  "invalid access to map value, value_size=8 off=0 size=9" },
	{ "helper_prandom_index", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r6, %r0\ncall 7\nand %r0, 7\nadd %r6, %r0\n"
	  "ldxb %r0, [%r6+0]\nexit\nout:\n" RET0, NULL },
	/* ---- atomics ---- */
	{ "atomic_stack", X, "stdw [%r10-8], 0\nmov %r1, 1\nlock add [%r10-8], %r1\n" RET0, NULL },
	{ "atomic_ctx", X, "mov %r2, 1\nlock add32 [%r1+0], %r2\n" RET0,
	  "BPF_ATOMIC stores into R1 ctx is not allowed" },
	{ "atomic_map_fetch", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, 1\nlock fetch add [%r0+0], %r1\nmov %r0, %r1\nexit\nout:\n" RET0,
	  NULL },
	{ "atomic_map_misaligned", X,
	  LOOKUP(0) "jeq %r0, 0, out\nmov %r1, 1\nlock add32 [%r0+2], %r1\nout:\n" RET0,
	  "misaligned value access" },
	{ "atomic_cmpxchg_stack", X,
	  "stdw [%r10-8], 0\nmov %r0, 0\nmov %r1, 1\nlock cmpxchg [%r10-8], %r1\nexit\n", NULL },
	{ "atomic_pkt", X,
	  PKT "mov %r4, %r2\nadd %r4, 8\njgt %r4, %r3, out\nmov %r5, 1\nlock add [%r2+0], %r5\nout:\n" RET0,
	  "BPF_ATOMIC stores into R2 pkt is not allowed" },
	/* ---- ring buffer records: reference tracking ---- */
#define RB_RESERVE(sz) "lddw %r1, map[idx:5]\nmov %r2, " #sz "\nmov %r3, 0\ncall 131\n"
#define RB_SUBMIT(r) "mov %r1, " r "\nmov %r2, 0\ncall 132\n"
	{ "rb_reserve_submit", X,
	  RB_RESERVE(8) "jeq %r0, 0, out\nstdw [%r0+0], 1\n" RB_SUBMIT("%r0") "out:\n" RET0, NULL },
	{ "rb_reserve_discard", X,
	  RB_RESERVE(16) "jeq %r0, 0, out\nmov %r1, %r0\nmov %r2, 0\ncall 133\nout:\n" RET0, NULL },
	{ "rb_leak", X, RB_RESERVE(8) "jeq %r0, 0, out\nstdw [%r0+0], 1\nout:\n" RET0,
	  "Unreleased reference id=2 alloc_insn=4" },
	{ "rb_leak_one_path", X,
	  "mov %r6, %r1\n" RB_RESERVE(8) "jeq %r0, 0, out\nldxw %r2, [%r6+12]\njeq %r2, 0, out\n"
	  RB_SUBMIT("%r0") "out:\n" RET0, "Unreleased reference id=2 alloc_insn=5" },
	{ "rb_no_null_check", X, RB_RESERVE(8) "stdw [%r0+0], 1\n" RB_SUBMIT("%r0") RET0,
	  "R0 invalid mem access 'ringbuf_mem_or_null'" },
	{ "rb_oob_write", X,
	  RB_RESERVE(8) "jeq %r0, 0, out\nstdw [%r0+8], 1\n" RB_SUBMIT("%r0") "out:\n" RET0,
	  "invalid access to memory, mem_size=8 off=8 size=8" },
	{ "rb_double_submit", X,
	  RB_RESERVE(8) "jeq %r0, 0, out\nmov %r6, %r0\n" RB_SUBMIT("%r6") RB_SUBMIT("%r6") "out:\n" RET0,
	  "R1 type=scalar expected=ringbuf_mem" },
	{ "rb_use_after_submit", X,
	  RB_RESERVE(8) "jeq %r0, 0, out\nmov %r6, %r0\n" RB_SUBMIT("%r6") "stdw [%r6+0], 1\nout:\n" RET0,
	  "R6 invalid mem access 'scalar'" },
	{ "rb_size_not_const", X,
	  "ldxw %r2, [%r1+12]\nlddw %r1, map[idx:5]\nmov %r3, 0\ncall 131\n" RET0,
	  "R2 is not a known constant'" },
	{ "rb_submit_offset", X,
	  RB_RESERVE(8) "jeq %r0, 0, out\nmov %r1, %r0\nadd %r1, 4\nmov %r2, 0\ncall 132\nout:\n" RET0,
	  "R1 must have zero offset when passed to release func" },
	{ "rb_submit_stack", X, "mov %r1, %r10\nadd %r1, -8\nmov %r2, 0\ncall 132\n" RET0,
	  "R1 type=fp expected=ringbuf_mem" },
	{ "rb_reserve_wrong_map", X, "lddw %r1, map[idx:0]\nmov %r2, 8\nmov %r3, 0\ncall 131\n" RET0,
	  "cannot pass map_type 1 into func bpf_ringbuf_reserve#131" },
	{ "rb_output", X,
	  "stdw [%r10-8], 1\nlddw %r1, map[idx:5]\nmov %r2, %r10\nadd %r2, -8\nmov %r3, 8\n"
	  "mov %r4, 0\ncall 130\nexit\n", NULL },
	/* ---- tail calls ---- */
	{ "tail_call", X, "lddw %r2, map[idx:6]\nmov %r3, 0\ncall 12\n" RET0, NULL },
	{ "tail_call_wrong_map", X, "lddw %r2, map[idx:0]\nmov %r3, 0\ncall 12\n" RET0,
	  "expected prog array map for tail call" },
	{ "tail_call_no_ctx", X, "mov %r1, 0\nlddw %r2, map[idx:6]\nmov %r3, 0\ncall 12\n" RET0,
	  "R1 type=scalar expected=ctx" },
	/* ---- callbacks ---- */
#define LOOP_CALL(n) "stdw [%r10-8], 0\nmov %r1, " #n "\nlddw %r2, subprog[cb]\nmov %r3, %r10\n" \
	"add %r3, -8\nmov %r4, 0\ncall 181\n"
	{ "cb_loop", X,
	  LOOP_CALL(10) RET0 "cb:\nldxdw %r0, [%r2+0]\nadd %r0, %r1\nstxdw [%r2+0], %r0\n" RET0, NULL },
	{ "cb_loop_null_ctx", X,
	  "mov %r1, 4\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 181\n" RET0
	  "cb:\nmov %r0, 1\nexit\n", NULL },
	{ "cb_loop_ret_2", X, LOOP_CALL(10) RET0 "cb:\nmov %r0, 2\nexit\n",
	  "At callback return the register R0" },
	{ "cb_loop_ctx_oob", X, LOOP_CALL(10) RET0 "cb:\nstdw [%r2+8], 1\n" RET0,
	  "invalid write to stack R2 off=0 size=8" },
	{ "cb_loop_index_deref", X, LOOP_CALL(10) RET0 "cb:\nldxb %r0, [%r1+0]\nexit\n",
	  "R1 invalid mem access 'scalar'" },
	{ "cb_loop_not_func", X,
	  "mov %r1, 4\nmov %r2, 0\nmov %r3, 0\nmov %r4, 0\ncall 181\n" RET0,
	  "R2 type=scalar expected=func" },
	{ "cb_loop_caller_regs", X, LOOP_CALL(10) RET0 "cb:\nmov %r0, %r6\nexit\n", "R6 !read_ok" },
	{ "cb_loop_spill_kept", X,
	  "stxdw [%r10-16], %r1\n" LOOP_CALL(3) "ldxdw %r1, [%r10-16]\nldxw %r0, [%r1+12]\nexit\n"
	  "cb:\n" RET0, NULL },
	{ "cb_loop_spill_clobbered", X,
	  "stxdw [%r10-16], %r1\n" LOOP_CALL(3) "ldxdw %r1, [%r10-16]\nldxw %r0, [%r1+12]\nexit\n"
	  "cb:\nstdw [%r2-8], 7\n" RET0, "R1 invalid mem access 'scalar'" },
	{ "cb_loop_counter", X,
	  LOOP_CALL(100) "ldxdw %r0, [%r10-8]\nexit\n"
	  "cb:\nldxdw %r3, [%r2+0]\nadd %r3, 1\nstxdw [%r2+0], %r3\n" RET0, NULL },
	/* a checked counter is not widened: bpf_loop's bounded nr_loops
	 * (precise) bounds the simulated calls, 1 call gives i <= 1 (the
	 * kernel's selftest bpf_loop_iter_limit_ok / _overflow) */
#define ITER_LIMIT(n) "stdw [%r10-8], 0\nstdw [%r10-16], 0\nmov %r1, " #n "\n" \
	"lddw %r2, subprog[cb]\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\ncall 181\n" \
	"ldxdw %r1, [%r10-16]\nmov %r2, %r10\nadd %r2, -2\nadd %r2, %r1\nldxb %r0, [%r2+0]\nexit\n" \
	"cb:\nldxdw %r3, [%r2+0]\nadd %r3, 1\nstxdw [%r2+0], %r3\n" RET0
	{ "cb_loop_iter_limit_ok", X, ITER_LIMIT(1), NULL },
	{ "cb_loop_iter_limit_overflow", X, ITER_LIMIT(2), "invalid read from stack R2 off=0 size=1" },
	/* nr_loops 0: no call is simulated, the callback is not verified
	 * (as in the kernel, which pushes no call past nr_loops) */
	{ "cb_loop_zero_iterations", X,
	  "mov %r1, 0\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 181\n" RET0
	  "cb:\nmov %r0, 2\nexit\n", NULL },
	/* the first call turns the context's pointer into a number: the
	 * second call must not be covered by the first (the kernel's
	 * selftest unsafe_on_2nd_iter) */
	{ "cb_loop_unsafe_on_2nd_iter", X,
	  "mov %r1, %r10\nadd %r1, -16\nstxdw [%r10-8], %r1\nstdw [%r10-16], 0\n"
	  "mov %r1, 100\nlddw %r2, subprog[cb]\nmov %r3, %r10\nadd %r3, -8\nmov %r4, 0\n"
	  "call 181\n" RET0
	  "cb:\njne %r1, 0, use\nstdw [%r2+0], 57005\nmov %r0, 0\nexit\n"
	  "use:\nldxdw %r3, [%r2+0]\nldxb %r0, [%r3+0]\nmov %r0, 0\nexit\n",
	  "R3 invalid mem access 'scalar'" },
	{ "cb_loop_pkt_ctx", X,
	  "ldxw %r2, [%r1+0]\nstxdw [%r10-16], %r2\nldxw %r2, [%r1+4]\nstxdw [%r10-8], %r2\n"
	  "mov %r1, 64\nlddw %r2, subprog[cb]\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\ncall 181\n" RET0
	  "cb:\njgt %r1, 200, done\nldxdw %r4, [%r2+0]\nldxdw %r5, [%r2+8]\nadd %r4, %r1\nmov %r3, %r4\nadd %r3, 1\n"
	  "jgt %r3, %r5, done\nldxb %r0, [%r4+0]\ndone:\nmov %r0, 0\nexit\n", NULL },
	{ "cb_loop_pkt_unchecked", X,
	  "ldxw %r2, [%r1+0]\nstxdw [%r10-16], %r2\nldxw %r2, [%r1+4]\nstxdw [%r10-8], %r2\n"
	  "mov %r1, 64\nlddw %r2, subprog[cb]\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\ncall 181\n" RET0
	  "cb:\nldxdw %r4, [%r2+0]\nldxb %r0, [%r4+0]\nmov %r0, 0\nexit\n",
	  "invalid access to packet" },
	{ "cb_for_each", X,
	  "lddw %r1, map[idx:0]\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 164\n" RET0
	  "cb:\nldxdw %r0, [%r3+0]\nldxw %r0, [%r2+0]\n" RET0, NULL },
	{ "cb_for_each_value_oob", X,
	  "lddw %r1, map[idx:0]\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 164\n" RET0
	  "cb:\nldxdw %r0, [%r3+8]\n" RET0, "invalid access to map value, value_size=8 off=8 size=8" },
	{ "cb_for_each_queue", X,
	  "lddw %r1, map[idx:4]\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 164\n" RET0
	  "cb:\n" RET0, "cannot pass map_type 22 into func bpf_for_each_map_elem#164" },
	/* ---- constant strings (map 8: 0 "%d %s", 9 "%d%d", 14 "abc") ---- */
	{ "str_strncmp_rodata", X,
	  "stdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 8\n"
	  "lddw %r3, map[idx:8]+14\ncall 182\nexit\n", NULL },
	{ "str_strncmp_rodata_const_add", X,
	  "stdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 8\n"
	  "lddw %r3, map[idx:8]+0\nadd %r3, 9\ncall 182\nexit\n", NULL },
	{ "str_snprintf_ok", X,
	  "stdw [%r10-8], 7\nstdw [%r10-16], 0\nstdw [%r10-24], 0\n"
	  "mov %r1, %r10\nadd %r1, -24\nmov %r2, 8\nlddw %r3, map[idx:8]+9\n"
	  "mov %r4, %r10\nadd %r4, -16\nmov %r5, 16\ncall 165\nexit\n", NULL },
	{ "str_snprintf_null_out_no_args", X,
	  "mov %r1, 0\nmov %r2, 0\nlddw %r3, map[idx:8]+14\nmov %r4, 0\nmov %r5, 0\n"
	  "call 165\nexit\n", NULL },
	{ "str_snprintf_more_args_than_specs", X,
	  "stdw [%r10-8], 7\nstdw [%r10-16], 0\nmov %r1, 0\nmov %r2, 0\n"
	  "lddw %r3, map[idx:8]+14\nmov %r4, %r10\nadd %r4, -16\nmov %r5, 16\n"
	  "call 165\nexit\n", NULL },
	{ "str_snprintf_args_null_with_len", X,
	  "mov %r1, 0\nmov %r2, 0\nlddw %r3, map[idx:8]+0\nmov %r4, 0\nmov %r5, 16\n"
	  "call 165\nexit\n", "R5 invalid zero-sized read" },
	/* ---- bpf_spin_lock (maps 9, 10) ---- */
	{ "lock_array_update", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, %r6\ncall 93\n"
	  "ldxdw %r2, [%r6+8]\nadd %r2, 1\nstxdw [%r6+8], %r2\nstw [%r6+4], 7\n"
	  "mov %r1, %r6\ncall 94\nout:\n" RET0, NULL },
	{ "lock_hash_checked", X,
	  LOOKUP(10) "jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, %r6\ncall 93\n"
	  "ldxw %r2, [%r6+4]\nmov %r1, %r6\ncall 94\nout:\n" RET0, NULL },
	{ "lock_copy_of_pointer", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r6, %r0\nmov %r7, %r0\nmov %r1, %r6\ncall 93\n"
	  "mov %r1, %r7\ncall 94\nout:\n" RET0, NULL },
	{ "lock_two_in_sequence", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r6, %r0\nstw [%r10-8], 1\nmov %r2, %r10\nadd %r2, -8\n"
	  "lddw %r1, map[idx:9]\ncall 1\njeq %r0, 0, out\nmov %r7, %r0\n"
	  "mov %r1, %r6\ncall 93\nmov %r1, %r6\ncall 94\n"
	  "mov %r1, %r7\ncall 93\nmov %r1, %r7\ncall 94\nout:\n" RET0, NULL },
	{ "lock_branch_both_unlock", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r6, %r0\ncall 7\nmov %r7, %r0\nmov %r1, %r6\ncall 93\n"
	  "jeq %r7, 0, a\nstdw [%r6+8], 1\nmov %r1, %r6\ncall 94\nja out\n"
	  "a:\nmov %r1, %r6\ncall 94\nout:\n" RET0, NULL },
	{ "lock_static_call_unlocks", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r6, %r0\nmov %r1, %r6\ncall 93\nmov %r1, %r6\n"
	  "call local f\nout:\n" RET0 "f:\ncall 94\n" RET0, NULL },
	{ "lock_sum_field_helper_read", X,
	  LOOKUP(9) "jeq %r0, 0, out\nmov %r1, %r0\nadd %r1, 8\nmov %r2, 8\ncall 6\nout:\n" RET0,
	  NULL },
	{ "cb_for_each_branch_exit", X,
	  "stdw [%r10-8], 0\nlddw %r1, map[idx:1]\nlddw %r2, subprog[cb]\nmov %r3, %r10\nadd %r3, -8\n"
	  "mov %r4, 0\ncall 164\nldxdw %r0, [%r10-8]\nexit\n"
	  "cb:\nldxdw %r5, [%r3+0]\nldxdw %r6, [%r4+0]\nadd %r6, %r5\nstxdw [%r4+0], %r6\n"
	  "mov %r0, 0\njne %r5, 100, +1\nmov %r0, 1\nexit\n", NULL },
	/* ---- precision: r4 is 8 on the path explored first, 520 (unsafe)
	 * on the other; at the join r4 must be compared, because a check
	 * below depends on it through the way each case names ---- */
#define JOIN_R4(bad) "ldxdw %r2, [%r1+0]\nmov %r4, 8\njgt %r2, 10, j1\nja j2\nj1:\nmov %r4, " #bad "\nj2:\n"
#define FP16_PLUS(r) "mov %r3, %r10\nadd %r3, -16\nadd %r3, %r" #r "\nstb [%r3+0], 1\n"
	/* 2^40 paths unless the sum, imprecise, lets them join */
	{ "prec_fork_sum_loop", S,
	  "mov %r6, %r1\nmov %r7, 0\nmov %r8, 0\nl0:\nldxdw %r2, [%r6+0]\nlsh %r7, 1\n"
	  "jgt %r2, 100, l1\nor %r7, 1\nl1:\nadd %r8, 1\njlt %r8, 40, l0\nmov %r0, %r7\nexit\n",
	  NULL },
	{ "prec_join_offset", S, JOIN_R4(520) FP16_PLUS(4) RET0,
	  "invalid write to stack R3 off=504 size=1" },
	{ "prec_join_spill", S,
	  JOIN_R4(520) "stxdw [%r10-24], %r4\nmov %r4, 0\nldxdw %r5, [%r10-24]\n" FP16_PLUS(5) RET0,
	  "invalid write to stack R3 off=504 size=1" },
	{ "prec_join_spill_safe", S,
	  JOIN_R4(4) "stxdw [%r10-24], %r4\nmov %r4, 0\nldxdw %r5, [%r10-24]\n" FP16_PLUS(5) RET0,
	  NULL },
	{ "prec_join_subprog_arg", S,
	  JOIN_R4(520) "mov %r1, %r4\ncall local f\n" RET0 "f:\n" FP16_PLUS(1) RET0,
	  "invalid write to stack R3 off=504 size=1" },
	{ "prec_join_subprog_ret", S,
	  JOIN_R4(520) "mov %r1, %r4\ncall local f\n" FP16_PLUS(0) RET0 "f:\nmov %r0, %r1\nexit\n",
	  "invalid write to stack R3 off=504 size=1" },
	{ "prec_join_branch", S, JOIN_R4(520) "jle %r4, 63, j3\nstb [%r10+8], 1\nj3:\n" RET0,
	  "invalid write to stack R10 off=8 size=1" },
	{ "prec_join_helper_size", S,
	  JOIN_R4(520) "stdw [%r10-16], 0\nstdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -16\n"
	  "mov %r2, %r4\ncall 6\n" RET0,
	  "invalid read from stack R1 off=-16 size=520" },
	/* r4 is bounded through r2 only on the path where it is r2's copy */
	{ "prec_join_linked", S,
	  "ldxdw %r2, [%r1+0]\nldxdw %r4, [%r1+8]\nldxdw %r5, [%r1+16]\njgt %r5, 10, j1\n"
	  "mov %r4, %r2\nj1:\njgt %r2, 7, j2\n" FP16_PLUS(4) "j2:\n" RET0,
	  "math between fp pointer and register with unbounded min value is not allowed" },
	/* an array lookup with a key known in range gives a non-NULL value */
	{ "prec_join_key_zero", S,
	  "ldxdw %r2, [%r1+0]\nmov %r4, 0\njgt %r2, 10, j1\nja j2\nj1:\nmov %r4, 10\nj2:\n"
	  "stxw [%r10-4], %r4\n" "mov %r2, %r10\nadd %r2, -4\nlddw %r1, map[idx:1]\ncall 1\n"
	  "ldxdw %r0, [%r0+0]\nexit\n",
	  "R0 invalid mem access 'map_value_or_null'" },
	{ "prec_join_key_spill", S,
	  "ldxdw %r2, [%r1+0]\nmov %r4, 1\njgt %r2, 10, j1\nja j2\nj1:\nmov %r4, 10\nj2:\n"
	  "stxw [%r10-8], %r4\n" "mov %r2, %r10\nadd %r2, -8\nlddw %r1, map[idx:1]\ncall 1\n"
	  "ldxdw %r0, [%r0+0]\nexit\n",
	  "R0 invalid mem access 'map_value_or_null'" },
	{ "prec_join_key_spill_safe", S,
	  "ldxdw %r2, [%r1+0]\nmov %r4, 1\njgt %r2, 10, j1\nja j2\nj1:\nmov %r4, 2\nj2:\n"
	  "stxw [%r10-8], %r4\n" "mov %r2, %r10\nadd %r2, -8\nlddw %r1, map[idx:1]\ncall 1\n"
	  "ldxdw %r0, [%r0+0]\nexit\n",
	  NULL },
	/* ---- dynptrs ---- */
	{ "dynptr_reserve_write_submit", X,
	  RESDYN(8) "stdw [%r10-24], 7\nmov %r1, %r10\nadd %r1, -16\nmov %r2, 0\nmov %r3, %r10\n"
	  "add %r3, -24\nmov %r4, 8\nmov %r5, 0\ncall 202\n"
	  "mov %r1, %r10\nadd %r1, -32\nmov %r2, 8\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\n"
	  "mov %r5, 0\ncall 201\n" SUBDYN(199) RET0, NULL },
	{ "dynptr_failed_reserve_discard", X, RESDYN(5000) SUBDYN(200) RET0, NULL },
	{ "dynptr_read_oob_runtime", X,
	  RESDYN(8) "mov %r1, %r10\nadd %r1, -48\nmov %r2, 32\nmov %r3, %r10\nadd %r3, -16\n"
	  "mov %r4, 100\nmov %r5, 0\ncall 201\n" SUBDYN(199) RET0, NULL },
	{ "dynptr_slice_write", X,
	  RESDYN(16) "mov %r1, %r10\nadd %r1, -16\nmov %r2, 8\nmov %r3, 8\ncall 203\n"
	  "jeq %r0, 0, +1\nstdw [%r0+0], 1\n" SUBDYN(199) RET0, NULL },
	{ "dynptr_slice_null_keeps_ref", X,
	  RESDYN(16) "mov %r1, %r10\nadd %r1, -16\nmov %r2, 0\nmov %r3, 16\ncall 203\n"
	  "jne %r0, 0, +1\nja +1\nstdw [%r0+8], 1\n" SUBDYN(200) RET0, NULL },
	{ "dynptr_slice_oob", X,
	  RESDYN(16) "mov %r1, %r10\nadd %r1, -16\nmov %r2, 0\nmov %r3, 8\ncall 203\n"
	  "jeq %r0, 0, +1\nstdw [%r0+8], 1\n" SUBDYN(199) RET0,
	  "invalid access to memory, mem_size=8 off=8 size=8" },
	{ "dynptr_submit_each_branch", X,
	  "mov %r6, %r1\n" RESDYN(8) "ldxw %r2, [%r6+12]\njeq %r2, 0, +5\n" SUBDYN(199)
	  "ja +4\n" SUBDYN(200) RET0, NULL },
	{ "dynptr_leak_one_branch", X,
	  "mov %r6, %r1\n" RESDYN(8) "ldxw %r2, [%r6+12]\njeq %r2, 0, +4\n" SUBDYN(199) RET0,
	  "Unreleased reference id=2 alloc_insn=7" },
	{ "dynptr_local_map_value", X,
	  LOOKUP(1) "jeq %r0, 0, out\n" FROMMEM
	  "mov %r1, %r10\nadd %r1, -32\nmov %r2, 8\nmov %r3, %r10\nadd %r3, -16\nmov %r4, 0\n"
	  "mov %r5, 0\ncall 201\nmov %r1, %r10\nadd %r1, -16\nmov %r2, 0\nmov %r3, 8\ncall 203\n"
	  "jeq %r0, 0, out\nldxdw %r0, [%r0+0]\nout:\n" RET0, NULL },
	{ "dynptr_local_recreate", X,
	  LOOKUP(1) "jeq %r0, 0, out\nmov %r6, %r0\n" FROMMEM "mov %r0, %r6\n" FROMMEM "out:\n" RET0,
	  NULL },
	{ "dynptr_local_destroyed_then_read", X,
	  LOOKUP(1) "jeq %r0, 0, out\n" FROMMEM "stdw [%r10-8], 3\nldxdw %r0, [%r10-8]\nout:\n" RET0,
	  NULL },
	{ "dynptr_local_rdonly_map", X,
	  LOOKUP(3) "jeq %r0, 0, out\n" FROMMEM "out:\n" RET0, "write into map forbidden" },
	{ "dynptr_submit_in_callee", X,
	  RESDYN(8) "mov %r1, %r10\nadd %r1, -16\ncall local sub\n" RET0
	  "sub:\nmov %r2, 0\ncall 199\n" RET0, NULL },
	{ "dynptr_created_in_callee", X,
	  "mov %r1, %r10\nadd %r1, -16\ncall local sub\n" SUBDYN(199) RET0
	  "sub:\nmov %r4, %r1\nlddw %r1, map[idx:5]\nmov %r2, 8\nmov %r3, 0\ncall 198\n" RET0, NULL },
	{ "dynptr_leaked_in_callee_frame", X,
	  "call local sub\n" RET0 "sub:\n" RESDYN(8) RET0, "Unreleased reference" },
	{ "cb_urb_drain_read", X,
	  "stdw [%r10-8], 0\nlddw %r1, map[idx:13]\nlddw %r2, subprog[cb]\nmov %r3, %r10\n"
	  "add %r3, -8\nmov %r4, 0\ncall 209\nldxdw %r0, [%r10-8]\nexit\n"
	  "cb:\nmov %r6, %r2\nmov %r3, %r1\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 8\nmov %r4, 0\n"
	  "mov %r5, 0\ncall 201\nldxdw %r1, [%r10-8]\nldxdw %r2, [%r6+0]\nadd %r2, %r1\n"
	  "stxdw [%r6+0], %r2\n" RET0, NULL },
	{ "cb_urb_drain_slice", X,
	  "lddw %r1, map[idx:13]\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 209\n" RET0
	  "cb:\nmov %r2, 0\nmov %r3, 8\ncall 203\njeq %r0, 0, +1\nldxdw %r0, [%r0+0]\n" RET0, NULL },
	{ "cb_urb_drain_queue", X,
	  "lddw %r1, map[idx:4]\nlddw %r2, subprog[cb]\nmov %r3, 0\nmov %r4, 0\ncall 209\n" RET0
	  "cb:\n" RET0, "cannot pass map_type 22 into func bpf_user_ringbuf_drain#209" },
	/* ---- misc ---- */
	{ "ld_abs_xdp", X, "mov %r6, %r1\nldabsb 0\nexit\n",
	  "BPF_LD_[ABS|IND] instructions not allowed for this program type" },
	{ "ptr_compare_priv", X, "mov %r0, 0\njeq %r1, %r10, +1\nmov %r0, 1\nexit\n", NULL },
};

#endif /* BH_TESTS_VCASES_H */
