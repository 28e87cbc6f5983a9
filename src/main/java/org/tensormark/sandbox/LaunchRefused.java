package org.tensormark.sandbox;

/** The launcher will not run what its client asked for; the message says why, for the operator. */
final class LaunchRefused extends Exception {

    LaunchRefused(String message) {
        super(message);
    }
}
