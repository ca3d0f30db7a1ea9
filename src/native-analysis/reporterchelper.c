/*
 * The two native methods of com.oracle.svm.hosted.ProgressReporterCHelper, which the native image builder loads from
 * <java.home>/lib/svm/builder/lib/libreporterchelper.so to print its progress. GraalVM distributions ship this
 * library; Maven Central does not, so analyse.sh compiles this file into a copy of the JDK that runs the builder.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Columns of the terminal on stdout, or 0 when stdout is not a terminal (the builder then uses its default width). */
JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return size.ws_col;
}

/* Peak resident set size of the builder process in bytes (Linux reports ru_maxrss in kilobytes). */
JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024;
}
