package org.tensormark.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny classic-BPF assembler: the few instructions a seccomp filter needs, emitted as the
 * {@code struct sock_filter} array ({@code u16 code, u8 jt, u8 jf, u32 k}, little-endian) that
 * {@code bwrap --seccomp FD} loads.
 */
final class BpfProgram {

    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    /** One instruction. */
    record Instruction(int code, int jt, int jf, int k) {
        Instruction {
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("BPF jump offset out of range: " + jt + "/" + jf);
            }
        }
    }

    private final List<Instruction> instructions = new ArrayList<>();

    /** Loads the 32-bit word at {@code offset} of {@code struct seccomp_data} into A. */
    BpfProgram load(int offset) {
        return add(LD_W_ABS, 0, 0, offset);
    }

    /** If A == k skip {@code jt} instructions, else skip {@code jf}. */
    BpfProgram jumpIfEqual(int k, int jt, int jf) {
        return add(JEQ_K, jt, jf, k);
    }

    /** If A >= k (unsigned) skip {@code jt}, else {@code jf}. */
    BpfProgram jumpIfAtLeast(int k, int jt, int jf) {
        return add(JGE_K, jt, jf, k);
    }

    /** If A & k != 0 skip {@code jt}, else {@code jf}. */
    BpfProgram jumpIfAnyBit(int k, int jt, int jf) {
        return add(JSET_K, jt, jf, k);
    }

    BpfProgram ret(int value) {
        return add(RET_K, 0, 0, value);
    }

    List<Instruction> instructions() {
        return List.copyOf(instructions);
    }

    byte[] bytes() {
        if (instructions.size() > 4096) {
            throw new IllegalStateException("BPF program longer than 4096 instructions");
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 * instructions.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction i : instructions) {
            buffer.putShort((short) i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return buffer.array();
    }

    private BpfProgram add(int code, int jt, int jf, int k) {
        instructions.add(new Instruction(code, jt, jf, k));
        return this;
    }
}
