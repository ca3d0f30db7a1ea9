package com.modelregistry.mlmodel;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged application. */
@QuarkusIntegrationTest
class ModelSearchIT extends ModelSearchTest {
}
