package io.kindling.kernel.install;

import java.util.List;

/**
 * JVM options the kernel is launched with. Spark 4 on Java 17 needs the module openings its own launcher
 * passes (Spark 4.1.1's {@code JavaModuleOptions}, kept in step with it); the kernel is Spark's driver, so they go on its command line.
 */
final class JvmFlags {
    static final List<String> SPARK_MODULE_OPENINGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            // Charts' static images draw text with AWT's fonts: never look for a display.
            "-Djava.awt.headless=true",
            // Javadoc of %maven libraries: JShell's list of source roots (LibrarySources).
            "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--enable-native-access=ALL-UNNAMED");

    /**
     * C2 compiles a method after ten times the default counts. Start-up and the first cells run mostly once
     * (class-path scans, javac's first compiles), and the default counts sent them to C2, whose threads took
     * about half the CPU before the first result on two cores. Measured A/B in one run (8 kernels each):
     * start to first result 1.97 s to 1.53 s, kernel CPU 3.65 s to 2.65 s, warm rows no slower; Spark cells
     * (session start, a 200M-row sum, a 3M-row groupBy, first and warm) equal or faster. The launch script
     * puts them before {@code KINDLING_JAVA_OPTS}, so a user's own values win.
     */
    static final List<String> START_UP_JIT = List.of(
            "-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");

    private JvmFlags() {
    }
}
