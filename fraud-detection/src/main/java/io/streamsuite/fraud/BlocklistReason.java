package io.streamsuite.fraud;

/** The alert reason of a blocklist hit, shared by both blocklist rules so that they read alike. */
final class BlocklistReason {

    private BlocklistReason() {
    }

    static String of(String what, String id, String reason) {
        String text = what + " " + id + " is blocklisted";
        return reason == null || reason.isBlank() ? text : text + ": " + reason.strip();
    }
}
