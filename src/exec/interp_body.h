/* SPDX-License-Identifier: MIT */
/*
 * exec/interp_body.h - the interpreter loop, included by interp.c twice:
 * with BH_CHECKED 0 (fast: the verifier vouches for every access) and with
 * BH_CHECKED 1 (every load, store and helper pointer is checked against the
 * run's stack and regions; used for unverified programs and soundness
 * fuzzing).  INTERP_FN names the function being built.
 *
 * Dispatch is by computed goto on the opcode byte (labels from
 * opcodes.def); building with BH_INTERP_SWITCH uses a switch instead, with
 * the same case bodies through VM_CASE / VM_NEXT.
 *
 * Semantics follow RFC 9669: ALU32 results are zero-extended; shift counts
 * are masked to the operand width; division by zero yields 0 and modulo by
 * zero leaves the dividend (truncated to 32 bits for ALU32); signed
 * division of INT_MIN by -1 yields INT_MIN and its modulo 0.  The checked
 * loop tests for those cases; the fast loop runs only programs that
 * verifier/fixup.c rewrote so that they cannot happen.
 */

int INTERP_FN(struct bh_exec_env *env, uint64_t *r0_out)
{
	uint64_t stack[BH_MAX_CALL_FRAMES * MAX_BPF_STACK / 8]
		__attribute__((aligned(16)));
	struct {
		const struct bpf_insn *ret;
		uint64_t saved[4]; /* r6..r9 */
		uint64_t fp;
	} frames[BH_MAX_CALL_FRAMES];
	unsigned int depth = 0;
	/* + BH_REG_AX (fixup.c); every element is set below, one store each:
	 * "= { 0 }" compiles to a rep stos whose start-up cost was a fifth
	 * of a short program's run (perf, bench_ringbuf --single) */
	uint64_t reg[MAX_BPF_REG + 1];
	const struct bpf_insn *insn = env->prog->insns;
	const uintptr_t stack_lo = (uintptr_t)stack;
	const uintptr_t stack_hi = (uintptr_t)stack + sizeof(stack);
	uint64_t t;
	uint64_t executed = 0; /* checked runs count; kept in a register */

#if BH_CHECKED
	/* Reads of stack the program never wrote must not leak old data. */
	memset(stack, 0, sizeof(stack));
#endif
	reg[BPF_REG_0] = 0;
	for (int i = 0; i < 5; i++)
		reg[BPF_REG_1 + i] = env->args[i];
	for (int i = BPF_REG_6; i < BPF_REG_10; i++)
		reg[i] = 0;
	reg[BPF_REG_10] = stack_hi;
	reg[MAX_BPF_REG] = 0;
	env->stack_lo = stack_lo;
	env->stack_hi = stack_hi;

#define DST reg[insn->dst_reg]
#define SRC reg[insn->src_reg]
#define IMM ((int64_t)insn->imm)
#define UIMM32 ((uint32_t)insn->imm)
#define OFF insn->off

#if BH_CHECKED
#define FAULT(what)                                                   \
	do {                                                          \
		env->insn_cnt += executed;                            \
		env->fault = -EFAULT;                                 \
		env->fault_pc = (uint32_t)(insn - env->prog->insns);  \
		env->fault_what = (what);                             \
		return -EFAULT;                                       \
	} while (0)
#define MEM_CHECK(addr, size, write)                                       \
	do {                                                               \
		if (!access_ok(env, stack_lo, stack_hi, (addr), (size),    \
			       (write)))                                   \
			FAULT((write) ? "invalid memory write"             \
				      : "invalid memory read");            \
	} while (0)
#define COUNT() executed++
#else
#define FAULT(what)                                                   \
	do {                                                          \
		env->fault = -EFAULT;                                 \
		env->fault_pc = (uint32_t)(insn - env->prog->insns);  \
		env->fault_what = (what);                             \
		return -EFAULT;                                       \
	} while (0)
#define MEM_CHECK(addr, size, write) ((void)0)
#define COUNT() ((void)0)
#endif

#ifndef BH_INTERP_SWITCH
	/* Unknown opcodes first, then each valid one overrides its slot. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const labels[256] = {
		[0 ... 255] = &&L_INVALID,
#define BH_OP(code, label) [code] = &&L_##label,
#include "opcodes.def"
#undef BH_OP
	};
#pragma GCC diagnostic pop
#define VM_CASE(label) L_##label:
#define VM_DISPATCH() do { COUNT(); goto *labels[insn->code]; } while (0)
#define VM_NEXT() do { insn++; VM_DISPATCH(); } while (0)
#define VM_JUMP(cond) do { insn += (cond) ? OFF + 1 : 1; VM_DISPATCH(); } while (0)
	VM_DISPATCH();
#else
#define VM_CASE(label) case OPC_##label:
#define VM_DISPATCH() continue
#define VM_NEXT() do { insn++; continue; } while (0)
#define VM_JUMP(cond) do { insn += (cond) ? OFF + 1 : 1; continue; } while (0)
	for (;;) {
		COUNT();
		switch (insn->code) {
		default:
			goto L_INVALID;
#endif

/* ---- ALU: one macro per operand width and source ---- */
#define ALU_BOTH(NAME, EXPR64, EXPR32)                                  \
	VM_CASE(ALU64_##NAME##_K) { uint64_t s_ = (uint64_t)IMM; (void)s_; \
		DST = (EXPR64); VM_NEXT(); }                              \
	VM_CASE(ALU64_##NAME##_X) { uint64_t s_ = SRC; (void)s_;          \
		DST = (EXPR64); VM_NEXT(); }                              \
	VM_CASE(ALU_##NAME##_K) { uint32_t s_ = UIMM32; (void)s_;         \
		uint32_t d_ = (uint32_t)DST; (void)d_;                    \
		DST = (uint32_t)(EXPR32); VM_NEXT(); }                    \
	VM_CASE(ALU_##NAME##_X) { uint32_t s_ = (uint32_t)SRC; (void)s_;  \
		uint32_t d_ = (uint32_t)DST; (void)d_;                    \
		DST = (uint32_t)(EXPR32); VM_NEXT(); }

	ALU_BOTH(ADD, DST + s_, d_ + s_)
	ALU_BOTH(SUB, DST - s_, d_ - s_)
	ALU_BOTH(MUL, DST * s_, d_ * s_)
	ALU_BOTH(OR, DST | s_, d_ | s_)
	ALU_BOTH(AND, DST & s_, d_ & s_)
	ALU_BOTH(XOR, DST ^ s_, d_ ^ s_)
	ALU_BOTH(LSH, DST << (s_ & 63), d_ << (s_ & 31))
	ALU_BOTH(RSH, DST >> (s_ & 63), d_ >> (s_ & 31))
	ALU_BOTH(ARSH, (uint64_t)((int64_t)DST >> (s_ & 63)),
		 (uint32_t)((int32_t)d_ >> (s_ & 31)))
#if BH_CHECKED
	ALU_BOTH(DIV, OFF ? sdiv64(DST, s_) : (s_ ? DST / s_ : 0),
		 OFF ? sdiv32(d_, s_) : (s_ ? d_ / s_ : 0))
	ALU_BOTH(MOD, OFF ? smod64(DST, s_) : (s_ ? DST % s_ : DST),
		 OFF ? smod32(d_, s_) : (s_ ? d_ % s_ : d_))
#else
	/*
	 * No check: every loaded program went through verifier/fixup.c, which
	 * guards division and modulo by a register (x / 0, x % 0, signed
	 * x / -1 never reach these cases) and rewrites the constant 0 and
	 * the signed constant -1.
	 */
	ALU_BOTH(DIV, OFF ? (uint64_t)((int64_t)DST / (int64_t)s_) : DST / s_,
		 OFF ? (uint32_t)((int32_t)d_ / (int32_t)s_) : d_ / s_)
	ALU_BOTH(MOD, OFF ? (uint64_t)((int64_t)DST % (int64_t)s_) : DST % s_,
		 OFF ? (uint32_t)((int32_t)d_ % (int32_t)s_) : d_ % s_)
#endif
	ALU_BOTH(MOV, movsx64(s_, OFF, UIMM32), movsx32(s_, OFF))

	VM_CASE(ALU64_NEG) { DST = -DST; VM_NEXT(); }
	VM_CASE(ALU_NEG) { DST = (uint32_t)-(uint32_t)DST; VM_NEXT(); }
	VM_CASE(ALU_TO_LE) { DST = to_le(DST, insn->imm); VM_NEXT(); }
	VM_CASE(ALU_TO_BE) { DST = bswap_n(DST, insn->imm); VM_NEXT(); }
	VM_CASE(ALU64_BSWAP) { DST = bswap_n(DST, insn->imm); VM_NEXT(); }

/* ---- Conditional jumps ---- */
#define JMP_BOTH(NAME, OP, T64, T32)                                      \
	VM_CASE(JMP_##NAME##_K) VM_JUMP((T64)DST OP (T64)IMM);             \
	VM_CASE(JMP_##NAME##_X) VM_JUMP((T64)DST OP (T64)SRC);             \
	VM_CASE(JMP32_##NAME##_K) VM_JUMP((T32)DST OP (T32)insn->imm);     \
	VM_CASE(JMP32_##NAME##_X) VM_JUMP((T32)DST OP (T32)SRC);

	JMP_BOTH(JEQ, ==, uint64_t, uint32_t)
	JMP_BOTH(JNE, !=, uint64_t, uint32_t)
	JMP_BOTH(JGT, >, uint64_t, uint32_t)
	JMP_BOTH(JGE, >=, uint64_t, uint32_t)
	JMP_BOTH(JLT, <, uint64_t, uint32_t)
	JMP_BOTH(JLE, <=, uint64_t, uint32_t)
	JMP_BOTH(JSGT, >, int64_t, int32_t)
	JMP_BOTH(JSGE, >=, int64_t, int32_t)
	JMP_BOTH(JSLT, <, int64_t, int32_t)
	JMP_BOTH(JSLE, <=, int64_t, int32_t)
	VM_CASE(JMP_JSET_K) VM_JUMP(DST & (uint64_t)IMM);
	VM_CASE(JMP_JSET_X) VM_JUMP(DST & SRC);
	VM_CASE(JMP32_JSET_K) VM_JUMP((uint32_t)DST & UIMM32);
	VM_CASE(JMP32_JSET_X) VM_JUMP((uint32_t)DST & (uint32_t)SRC);
	VM_CASE(JMP_JA) VM_JUMP(1);
	VM_CASE(JMP32_JA) { insn += insn->imm + 1; VM_DISPATCH(); }

/* ---- Loads and stores ---- */
#define LDX(NAME, T, CAST)                                                \
	VM_CASE(NAME) {                                                   \
		t = SRC + (uint64_t)(int64_t)OFF;                         \
		MEM_CHECK(t, sizeof(T), false);                           \
		DST = (uint64_t)(CAST)load_##T(t);                        \
		VM_NEXT();                                                \
	}
	LDX(LDX_MEM_B, uint8_t, uint8_t)
	LDX(LDX_MEM_H, uint16_t, uint16_t)
	LDX(LDX_MEM_W, uint32_t, uint32_t)
	LDX(LDX_MEM_DW, uint64_t, uint64_t)
	LDX(LDX_MEMSX_B, uint8_t, int8_t)
	LDX(LDX_MEMSX_H, uint16_t, int16_t)
	LDX(LDX_MEMSX_W, uint32_t, int32_t)

#define STORE(NAME, T, VAL, BASE)                                         \
	VM_CASE(NAME) {                                                   \
		t = BASE + (uint64_t)(int64_t)OFF;                        \
		MEM_CHECK(t, sizeof(T), true);                            \
		store_##T(t, (T)(VAL));                                   \
		VM_NEXT();                                                \
	}
	STORE(ST_MEM_B, uint8_t, IMM, DST)
	STORE(ST_MEM_H, uint16_t, IMM, DST)
	STORE(ST_MEM_W, uint32_t, IMM, DST)
	STORE(ST_MEM_DW, uint64_t, IMM, DST)
	STORE(STX_MEM_B, uint8_t, SRC, DST)
	STORE(STX_MEM_H, uint16_t, SRC, DST)
	STORE(STX_MEM_W, uint32_t, SRC, DST)
	STORE(STX_MEM_DW, uint64_t, SRC, DST)

	VM_CASE(STX_ATOMIC_W) {
		t = DST + (uint64_t)(int64_t)OFF;
		MEM_CHECK(t, 4, true);
		if (BH_CHECKED && (t & (4 - 1)))
			FAULT("misaligned atomic access");
		atomic32(insn->imm, (uint32_t *)(uintptr_t)t,
			 &SRC, &reg[BPF_REG_0]);
		VM_NEXT();
	}
	VM_CASE(STX_ATOMIC_DW) {
		t = DST + (uint64_t)(int64_t)OFF;
		MEM_CHECK(t, 8, true);
		if (BH_CHECKED && (t & (8 - 1)))
			FAULT("misaligned atomic access");
		atomic64(insn->imm, (uint64_t *)(uintptr_t)t,
			 &SRC, &reg[BPF_REG_0]);
		VM_NEXT();
	}
	VM_CASE(LD_IMM_DW) {
		DST = (uint64_t)(uint32_t)insn[0].imm |
		      ((uint64_t)(uint32_t)insn[1].imm << 32);
		insn += 2;
		VM_DISPATCH();
	}

/* ---- Legacy packet loads: a failed load ends the program with 0 ---- */
#define LD_PKT(NAME, SIZE, BASE)                                          \
	VM_CASE(NAME) {                                                   \
		uint64_t v_;                                              \
		if (!pkt_load(env, (uint32_t)(BASE) + (uint32_t)insn->imm, \
			      SIZE, &v_)) {                               \
			reg[BPF_REG_0] = 0;                               \
			goto out;                                         \
		}                                                         \
		reg[BPF_REG_0] = v_;                                      \
		VM_NEXT();                                                \
	}
	LD_PKT(LD_ABS_B, 1, 0)
	LD_PKT(LD_ABS_H, 2, 0)
	LD_PKT(LD_ABS_W, 4, 0)
	LD_PKT(LD_IND_B, 1, SRC)
	LD_PKT(LD_IND_H, 2, SRC)
	LD_PKT(LD_IND_W, 4, SRC)

/* ---- Calls and exit ---- */
	VM_CASE(JMP_CALL) {
		if (insn->src_reg == BPF_PSEUDO_CALL) {
			if (depth + 1 >= BH_MAX_CALL_FRAMES)
				FAULT("call stack too deep");
			frames[depth].ret = insn + 1;
			memcpy(frames[depth].saved, &reg[BPF_REG_6],
			       sizeof(frames[depth].saved));
			frames[depth].fp = reg[BPF_REG_10];
			depth++;
			reg[BPF_REG_10] -= MAX_BPF_STACK;
			insn += insn->imm + 1;
			VM_DISPATCH();
		}
		if (insn->imm == BPF_FUNC_tail_call && !insn->src_reg) {
			struct bh_prog *next = tail_call_target(
				env, reg[BPF_REG_2], (uint32_t)reg[BPF_REG_3],
				BH_CHECKED);
			if (next) {
				env->prog = next;
				insn = next->insns;
				VM_DISPATCH();
			}
			VM_NEXT();
		}
		reg[BPF_REG_0] = insn->src_reg == BPF_PSEUDO_KFUNC_CALL
					 ? call_kfunc(env, (uint32_t)insn->imm, reg)
					 : call_helper(env, (uint32_t)insn->imm, reg);
		if (BH_CHECKED && env->fault) {
			env->insn_cnt += executed;
			return env->fault;
		}
		VM_NEXT();
	}
	VM_CASE(JMP_CALLX) {
		/* The id is the whole register: 0x100000007 is not helper 7. */
		reg[BPF_REG_0] = call_helper(
			env, DST <= UINT32_MAX ? (uint32_t)DST : UINT32_MAX, reg);
		if (env->fault) {
			env->fault_pc = (uint32_t)(insn - env->prog->insns);
			env->insn_cnt += executed;
			return env->fault;
		}
		VM_NEXT();
	}
	VM_CASE(JMP_EXIT) {
		if (!depth)
			goto out;
		depth--;
		insn = frames[depth].ret;
		memcpy(&reg[BPF_REG_6], frames[depth].saved,
		       sizeof(frames[depth].saved));
		reg[BPF_REG_10] = frames[depth].fp;
		VM_DISPATCH();
	}

	L_INVALID:
		FAULT("invalid opcode");
#ifdef BH_INTERP_SWITCH
		}
	}
#endif
out:
	env->insn_cnt += executed;
	*r0_out = reg[BPF_REG_0];
	return 0;

#undef DST
#undef SRC
#undef IMM
#undef UIMM32
#undef OFF
#undef FAULT
#undef MEM_CHECK
#undef COUNT
#undef VM_CASE
#undef VM_DISPATCH
#undef VM_NEXT
#undef VM_JUMP
#undef ALU_BOTH
#undef JMP_BOTH
#undef LDX
#undef STORE
#undef LD_PKT
}
