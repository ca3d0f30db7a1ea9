package com.modelregistry.mlmodel;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same count checks against the packaged application. */
@QuarkusIntegrationTest
class ModelCountsIT extends ModelCountsTest {
}
