package com.modelregistry.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Anonymous requests with odd methods and paths against the metrics' series. */
class MetricsFloodIT {

    private static HostileTarget target;

    @BeforeContainer
    static void reachTheService() throws Exception {
        target = HostileTarget.shared();
    }

    @AfterContainer
    static void releaseTheService() {
        HostileTarget.release();
    }

    /**
     * Issue 12: a 405 was recorded under its raw path, and after 100 URI values Micrometer dropped every new series, so
     * 100 anonymous requests blinded the dashboards. Anonymous requests with distinct paths and methods (405s, 404s,
     * unknown methods, odd paths) must leave the number of {@code uri} and {@code method} values small, and a real
     * request must still be recorded under its route template.
     */
    @Example
    void manyAnonymousOddRequestsDoNotBlindTheMetrics() throws Exception {
        List<String> oddPaths = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String[] request = switch (i % 5) {
                case 0 -> new String[] {"PUT", "/models/" + (900_000 + i)};
                case 1 -> new String[] {"GET", "/nowhere/" + i};
                case 2 -> new String[] {"FROB" + i, "/users/" + (900_000 + i)};
                case 3 -> new String[] {"POST", "/models/" + i + "/" + i};
                default -> new String[] {"DELETE", "/users/" + i + "/models;" + i + "/x%20" + i};
            };
            oddPaths.add(request[1]);
            given().config(HostileTarget.RAW).request(request[0], request[1]);
        }
        // HEAD is never sent by the requests above: its series is made after the flood
        given().header("Authorization", "Bearer " + target.victim().token()).when()
                .head("/models/{id}", target.model()).then().statusCode(200);

        List<String> series = given().when().get(target.service().managementUri() + "/q/metrics").then()
                .statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")).toList();
        Set<String> uris = new TreeSet<>();
        Set<String> methods = new TreeSet<>();
        for (String line : series) {
            uris.add(tag(line, "uri"));
            methods.add(tag(line, "method"));
        }
        assertTrue(uris.size() <= 20, "uri values: " + uris);
        assertTrue(methods.size() <= 10, "method values: " + methods);
        assertTrue(oddPaths.stream().noneMatch(uris::contains), "raw paths recorded: " + uris);
        assertTrue(series.stream().anyMatch(line -> line.contains("method=\"HEAD\"") && line.contains("status=\"200\"")
                && line.contains("uri=\"/models/{id}\"")), "the real request is missing: " + series);
    }

    private static String tag(String seriesLine, String name) {
        int start = seriesLine.indexOf(name + "=\"") + name.length() + 2;
        return seriesLine.substring(start, seriesLine.indexOf('"', start));
    }
}
