package com.modelregistry.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same revocation checks against the packaged application. */
@QuarkusIntegrationTest
class RevocationIT extends RevocationTest {
}
