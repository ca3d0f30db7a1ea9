package com.modelregistry.mlmodel;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tag tests against the packaged application. */
@QuarkusIntegrationTest
class ModelTagsIT extends ModelTagsTest {
}
