package com.modelregistry.version;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class VersionChangesIT extends VersionChangesTest {
}
