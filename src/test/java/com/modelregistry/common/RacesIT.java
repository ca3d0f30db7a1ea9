package com.modelregistry.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same race tests against the packaged application. */
@QuarkusIntegrationTest
class RacesIT extends RacesTest {
}
