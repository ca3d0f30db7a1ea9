package com.modelregistry.version;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The alias tests again, against the packaged application. */
@QuarkusIntegrationTest
class AliasesIT extends AliasesTest {
}
