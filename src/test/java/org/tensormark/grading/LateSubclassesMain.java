package org.tensormark.grading;

/** Run by {@link WarmUpTest} in a JVM of its own: what the warm-up loads first, and nothing else. */
final class LateSubclassesMain {

    private LateSubclassesMain() {
    }

    public static void main(String[] args) {
        WarmUp.loadLateSubclasses();
    }
}
