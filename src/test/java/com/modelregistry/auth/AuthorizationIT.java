package com.modelregistry.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same authorization table against the packaged application. */
@QuarkusIntegrationTest
class AuthorizationIT extends AuthorizationTest {
}
