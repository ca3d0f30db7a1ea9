package com.modelregistry.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same login tests against the packaged application. */
@QuarkusIntegrationTest
class LoginIT extends LoginTest {
}
