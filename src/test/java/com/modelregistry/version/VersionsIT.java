package com.modelregistry.version;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged application. */
@QuarkusIntegrationTest
class VersionsIT extends VersionsTest {
}
