package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * One line of the ground-truth file: an injected event or entity, and why the app must report it. Each domain has
 * its own record; every one serialises with {@code domain} first and a human-readable {@code why}.
 */
public interface Truth {

    String domain();

    String why();

    /** What the summary counts this line as, e.g. the fraud rules it expects; not written to the file. */
    List<String> countedAs();
}
