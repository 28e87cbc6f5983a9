package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clean-up goes on past a failure and reports the first, the later ones suppressed in it. */
class EveryOneTriedTest {

    @Test
    void everyItemIsTriedAndTheFirstFailureIsThrownWithTheLaterOnesInIt() {
        List<String> tried = new ArrayList<>();

        IOException thrown = assertThrows(IOException.class, () -> EveryOneTried.each(List.of("mount", "cgroup", "folder"),
                item -> {
                    tried.add(item);
                    if (!item.equals("cgroup")) {
                        throw new IOException(item + " could not be removed");
                    }
                }));

        assertEquals(List.of("mount", "cgroup", "folder"), tried);
        assertEquals("mount could not be removed", thrown.getMessage());
        assertArrayEquals(new String[] {"folder could not be removed"},
                List.of(thrown.getSuppressed()).stream().map(Throwable::getMessage).toArray(String[]::new));
    }

    @Test
    void nothingIsThrownWhenEveryItemSucceeds() throws IOException {
        List<Integer> done = new ArrayList<>();

        EveryOneTried.each(List.of(1, 2, 3), done::add);

        assertEquals(List.of(1, 2, 3), done);
    }
}
