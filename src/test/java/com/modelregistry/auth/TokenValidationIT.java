package com.modelregistry.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same token checks against the packaged application. */
@QuarkusIntegrationTest
class TokenValidationIT extends TokenValidationTest {
}
