package io.kindling.kernel.jshell;

import io.kindling.magics.spark.ExecutorVariableAccess;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Rewrites reads of notebook variables in the copy of a cell class meant for Spark executors. A
 * top-level variable is a static field of a JShell wrapper class that only the kernel ever assigns, so
 * on an executor it would read 0 or null; each read becomes a call to {@link ExecutorVariableAccess},
 * which asks the kernel for the value. Writes are left alone: like any value captured by a Spark
 * closure, a change made on an executor stays there.
 */
final class ExecutorVariableRewriter {
    private static final String ACCESS = Type.getInternalName(ExecutorVariableAccess.class);
    /** The wrapper method JShell puts a cell's statements and variable initializers in. */
    private static final String CELL_STATEMENTS = "do_it$";
    /** Wrapper classes only ({@code REPL/$JShell$12}, {@code REPL/$JShell$4B}); nested classes keep their statics. */
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Za-z]*");

    private ExecutorVariableRewriter() {
    }

    static boolean isWrapper(String internalName) {
        return WRAPPER.matcher(internalName).matches();
    }

    static byte[] rewrite(byte[] classBytes) {
        return rewrite(classBytes, (wrapper, variable) -> { });
    }

    /**
     * As {@link #rewrite(byte[])}, telling {@code shippedRead} each variable (wrapper's binary name, field)
     * that code an executor may run reads: lambdas, methods and classes, not the statements of a cell
     * ({@code do_it$}), which only ever run in the kernel.
     */
    static byte[] rewrite(byte[] classBytes, BiConsumer<String, String> shippedRead) {
        ClassReader reader = new ClassReader(classBytes);
        // The replacement leaves the stack as the field read did, so frames stay valid; COMPUTE_FRAMES
        // would also need to load REPL classes to merge types, which this loader cannot do.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        if (opcode != Opcodes.GETSTATIC || !isWrapper(owner)) {
                            super.visitFieldInsn(opcode, owner, field, fieldDescriptor);
                            return;
                        }
                        changed[0] = true;
                        if (!name.equals(CELL_STATEMENTS)) {
                            shippedRead.accept(Type.getObjectType(owner).getClassName(), field);
                        }
                        Type type = Type.getType(fieldDescriptor);
                        super.visitLdcInsn(Type.getObjectType(owner).getClassName());
                        super.visitLdcInsn(field);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, ACCESS, readerFor(type),
                                "(Ljava/lang/String;Ljava/lang/String;)" + returned(type), false);
                        if (isReference(type)) {
                            super.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classBytes;
    }

    private static String readerFor(Type type) {
        return switch (type.getSort()) {
            case Type.INT -> "readInt";
            case Type.LONG -> "readLong";
            case Type.DOUBLE -> "readDouble";
            case Type.FLOAT -> "readFloat";
            case Type.BOOLEAN -> "readBoolean";
            case Type.BYTE -> "readByte";
            case Type.SHORT -> "readShort";
            case Type.CHAR -> "readChar";
            default -> "readObject";
        };
    }

    private static String returned(Type type) {
        return isReference(type) ? "Ljava/lang/Object;" : type.getDescriptor();
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }
}
