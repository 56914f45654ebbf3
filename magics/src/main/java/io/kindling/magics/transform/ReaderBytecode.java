package io.kindling.magics.transform;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.reflect.RecordComponent;

/**
 * Generates a {@link ComponentReader} for one public record class: {@code get} is a switch over the
 * components and {@code readInto} one direct accessor call per component, the code a person would
 * write for that record. Defined in a class loader of its own whose parent is the record's loader,
 * so a notebook's records (in JShell's loader) resolve, and which is collected with the reader.
 */
final class ReaderBytecode {
    private static final String READER = Type.getInternalName(ComponentReader.class);
    private static final String OBJECT = "java/lang/Object";

    private ReaderBytecode() {
    }

    static ComponentReader define(Class<?> record) throws ReflectiveOperationException {
        String name = record.getName() + "$KindlingReader";
        byte[] bytes = bytecode(record, name.replace('.', '/'));
        Class<?> reader = new Loader(record.getClassLoader()).define(name, bytes);
        return (ComponentReader) reader.getDeclaredConstructor().newInstance();
    }

    private static byte[] bytecode(Class<?> record, String name) {
        String owner = Type.getInternalName(record);
        RecordComponent[] components = record.getRecordComponents();
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                // Frames only ever merge Object values here; loading the record by name would need its loader.
                return OBJECT;
            }
        };
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, READER, null);

        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, READER, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor get = writer.visitMethod(Opcodes.ACC_PUBLIC, "get", "(Ljava/lang/Object;I)Ljava/lang/Object;", null, null);
        get.visitCode();
        Label[] cases = new Label[components.length];
        for (int c = 0; c < cases.length; c++) {
            cases[c] = new Label();
        }
        Label outside = new Label();
        get.visitVarInsn(Opcodes.ILOAD, 2);
        if (components.length > 0) {
            get.visitTableSwitchInsn(0, components.length - 1, outside, cases);
        } else {
            get.visitJumpInsn(Opcodes.GOTO, outside);
        }
        for (int c = 0; c < components.length; c++) {
            get.visitLabel(cases[c]);
            get.visitVarInsn(Opcodes.ALOAD, 1);
            get.visitTypeInsn(Opcodes.CHECKCAST, owner);
            callAccessor(get, owner, components[c]);
            box(get, components[c].getType());
            get.visitInsn(Opcodes.ARETURN);
        }
        get.visitLabel(outside);
        get.visitTypeInsn(Opcodes.NEW, "java/lang/IndexOutOfBoundsException");
        get.visitInsn(Opcodes.DUP);
        get.visitVarInsn(Opcodes.ILOAD, 2);
        get.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IndexOutOfBoundsException", "<init>", "(I)V", false);
        get.visitInsn(Opcodes.ATHROW);
        get.visitMaxs(0, 0);
        get.visitEnd();

        MethodVisitor read = writer.visitMethod(Opcodes.ACC_PUBLIC, "readInto", "(Ljava/lang/Object;[Ljava/lang/Object;I)V", null, null);
        read.visitCode();
        read.visitVarInsn(Opcodes.ALOAD, 1);
        read.visitTypeInsn(Opcodes.CHECKCAST, owner);
        read.visitVarInsn(Opcodes.ASTORE, 4);
        for (int c = 0; c < components.length; c++) {
            Class<?> type = components[c].getType();
            read.visitVarInsn(Opcodes.ALOAD, 2);
            read.visitLdcInsn(c);
            read.visitInsn(Opcodes.AALOAD);
            read.visitTypeInsn(Opcodes.CHECKCAST, columnDescriptor(type));
            read.visitVarInsn(Opcodes.ILOAD, 3);
            read.visitVarInsn(Opcodes.ALOAD, 4);
            callAccessor(read, owner, components[c]);
            if (type == long.class) {
                read.visitInsn(Opcodes.LASTORE);
            } else if (type == int.class) {
                read.visitInsn(Opcodes.IASTORE);
            } else if (type == double.class) {
                read.visitInsn(Opcodes.DASTORE);
            } else {
                box(read, type);
                read.visitInsn(Opcodes.AASTORE);
            }
        }
        read.visitInsn(Opcodes.RETURN);
        read.visitMaxs(0, 0);
        read.visitEnd();

        writer.visitEnd();
        return writer.toByteArray();
    }

    /** The column array type {@link ComponentReader#column} makes for a component type. */
    private static String columnDescriptor(Class<?> type) {
        return type == long.class ? "[J" : type == int.class ? "[I" : type == double.class ? "[D" : "[Ljava/lang/Object;";
    }

    private static void callAccessor(MethodVisitor method, String owner, RecordComponent component) {
        method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, component.getAccessor().getName(),
                Type.getMethodDescriptor(component.getAccessor()), false);
    }

    private static void box(MethodVisitor method, Class<?> type) {
        if (!type.isPrimitive()) {
            return;
        }
        Type primitive = Type.getType(type);
        String wrapper = switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> throw new IllegalArgumentException(type.getName());
        };
        method.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + primitive.getDescriptor() + ")L" + wrapper + ";", false);
    }

    /** Sees the record through its parent and this package's reader type through this class's loader. */
    private static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(ComponentReader.class.getName())) {
                return ComponentReader.class;
            }
            throw new ClassNotFoundException(name);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
