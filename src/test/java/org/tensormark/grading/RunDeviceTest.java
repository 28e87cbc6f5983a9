package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The device a run had, as the harness reported it in results.json, for the provenance. */
class RunDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunThatHadAGpuRecordsCudaAndTheGpusName() {
        assertEquals(Optional.of("cuda: NVIDIA H200"), device("{\"cuda\": true, \"name\": \"NVIDIA H200\"}"));
    }

    @Test
    void aRunOnTheCpuRecordsCpuAndOneGivenAGpuItCouldNotUseSaysWhy() {
        assertEquals(Optional.of("cpu"), device("{\"cuda\": false, \"name\": \"cpu\"}"));
        assertEquals(Optional.of("cpu (torch 2.6.0 sees no CUDA device)"),
                device("{\"cuda\": false, \"name\": \"cpu (torch 2.6.0 sees no CUDA device)\"}"));
    }

    @Test
    void anOlderHarnessThatSaidNothingRecordsNoDevice() {
        assertEquals(Optional.empty(), JobResults.stored(Map.of("results.json",
                "{\"calls\": {}}".getBytes(StandardCharsets.UTF_8)), "ok", JSON).device());
        assertEquals(Optional.empty(), JobResults.none(null).device());
    }

    private static Optional<String> device(String report) {
        byte[] results = ("{\"calls\": {}, \"device\": " + report + "}").getBytes(StandardCharsets.UTF_8);
        return JobResults.stored(Map.of("results.json", results), "the program ended normally", JSON).device();
    }
}
