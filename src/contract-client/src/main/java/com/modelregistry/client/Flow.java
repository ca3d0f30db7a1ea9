package com.modelregistry.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.modelregistry.client.api.LoginApi;
import com.modelregistry.client.api.ModelsApi;
import com.modelregistry.client.api.UsersApi;
import com.modelregistry.client.model.AccessToken;
import com.modelregistry.client.model.ListingModelView;
import com.modelregistry.client.model.LoginRequest;
import com.modelregistry.client.model.ModelView;
import com.modelregistry.client.model.ModelViewPage;
import com.modelregistry.client.model.NewModel;
import com.modelregistry.client.model.NewUser;
import com.modelregistry.client.model.Problem;
import com.modelregistry.client.model.UserView;
import java.util.UUID;

/**
 * What a new user of the API does, through the generated client only: register, log in, record a model, find it with
 * a filter, and read the 409 of a second registration as a Problem. Exits non-zero when any step answers otherwise.
 */
public final class Flow {

    private static final String PASSWORD = "correct horse battery";

    public static void main(String[] args) throws Exception {
        ApiClient client = new ApiClient();
        // The two list shapes (and the two login answers) are told apart by properties only one of them has. The
        // generated Java client picks among oneOf by trying each type, without checking required properties, so it
        // is told to refuse unknown properties: a page then reads only as a page, a keyset page only as a keyset page.
        client.setObjectMapper(ApiClient.createDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        client.updateBaseUri(args.length > 0 ? args[0] : "http://localhost:8080");
        String name = "client_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String framework = "fw" + name.substring(7);

        NewUser registration = new NewUser().email(name + "@example.com").username(name).password(PASSWORD);
        UserView user = new UsersApi(client).registerUser(registration);
        say("registered user " + user.getId() + " (" + user.getUsername() + ")");

        AccessToken token = new LoginApi(client).login(new LoginRequest().username(name).password(PASSWORD))
                .getAccessToken();
        say("logged in: " + token.getTokenType() + " token, " + token.getExpiresIn() + " s");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.getAccessToken()));

        ModelView created = new ModelsApi(client).createModel(user.getId(),
                new NewModel().name("resnet-tiny").framework(framework).accuracy(0.91));
        say("created model " + created.getId() + " (" + created.getName() + ", accuracy " + created.getAccuracy() + ")");

        ListingModelView listing = new ModelsApi(client).searchModels(
                ModelsApi.APISearchModelsRequest.newBuilder().framework(framework).build());
        ModelViewPage page = listing.getModelViewPage();
        check(page.getTotal() == 1 && page.getItems().get(0).getId().equals(created.getId()),
                "the filter finds exactly the new model: " + page);
        say("listed models with framework=" + framework + ": " + page.getTotal() + " found, page " + page.getPage()
                + " of " + page.getTotalPages());

        try {
            new UsersApi(client).registerUser(registration);
            check(false, "a second registration of the same user succeeded");
        } catch (ApiException conflict) {
            check(conflict.getCode() == 409, "a second registration answers 409, not " + conflict.getCode());
            Problem problem = client.getObjectMapper().readValue(conflict.getResponseBody(), Problem.class);
            check(problem.getStatus() == 409 && problem.getViolations() != null && !problem.getViolations().isEmpty(),
                    "the 409 is a Problem naming the taken field: " + problem);
            say("second registration refused: " + problem.getStatus() + " " + problem.getTitle() + ", "
                    + problem.getDetail() + " (" + problem.getViolations().get(0).getField() + ": "
                    + problem.getViolations().get(0).getMessage() + ")");
        }
        say("all five steps answered as the document says");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("client flow FAILED: " + what);
        }
    }

    private static void say(String line) {
        System.out.println("[client flow] " + line);
    }
}
