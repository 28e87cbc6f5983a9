package org.tensormark.backup;

/** A backup folder that must not be restored or trusted: incomplete, edited, damaged or too new. */
final class BackupRefusedException extends IllegalArgumentException {

    BackupRefusedException(String message) {
        super(message);
    }
}
