package com.modelregistry.common.http;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createHeader;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares, once for every operation of the document, the answers that are not its success: each status the code can
 * answer, with the problem+json body (common/ProblemMapper, RequestLimits, ShutdownGate) and the headers that come with
 * it; and the headers of successes (Location of a creation, ETag of a row). Which statuses apply is read off the
 * operation itself: its security, path parameters, body and If-Match header. Registered with mp.openapi.filter.
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String LOGIN = "/auth/token";

    /** Where the code decides who may act (@RolesAllowed, Caller.requireSelfOrAdmin, owner checks): 403 is possible. */
    private static final Set<String> CALLER_CHECKED = Set.of("GET /users", "GET /users/{id}", "PATCH /users/{id}",
            "DELETE /users/{id}", "POST /users/{userId}/models", "PATCH /models/{id}", "DELETE /models/{id}",
            "PUT /models/{id}/tags/{key}", "DELETE /models/{id}/tags/{key}",
            "PUT /models/{id}/aliases/{alias}", "DELETE /models/{id}/aliases/{alias}",
            "POST /models/{id}/versions", "PATCH /models/{id}/versions/{version}",
            "DELETE /models/{id}/versions/{version}");

    /** Answers of one row at an address that is not the row's own; their 200 or 201 carries the row's ETag too. */
    private static final Set<String> ALSO_TAGGED = Set.of("GET /models/{id}/aliases/{alias}",
            "PUT /models/{id}/tags/{key}", "POST /models/{id}/versions");

    /**
     * The names a generated client gives the operations (the scanner would name them after Java methods, and get,
     * list, update and delete each occur twice). An operation that sets its own operationId keeps it.
     */
    private static final Map<String, String> OPERATION_IDS = Map.ofEntries(
            Map.entry("POST /auth/token", "login"),
            Map.entry("POST /users", "registerUser"),
            Map.entry("GET /users", "listUsers"),
            Map.entry("GET /users/me", "getCurrentUser"),
            Map.entry("GET /users/{id}", "getUser"),
            Map.entry("PATCH /users/{id}", "updateUser"),
            Map.entry("DELETE /users/{id}", "deleteUser"),
            Map.entry("POST /users/{userId}/models", "createModel"),
            Map.entry("GET /users/{userId}/models", "listUserModels"),
            Map.entry("GET /models", "searchModels"),
            Map.entry("GET /models/{id}", "getModel"),
            Map.entry("PATCH /models/{id}", "updateModel"),
            Map.entry("DELETE /models/{id}", "deleteModel"),
            Map.entry("PUT /models/{id}/tags/{key}", "setModelTag"),
            Map.entry("DELETE /models/{id}/tags/{key}", "removeModelTag"),
            Map.entry("PUT /models/{id}/aliases/{alias}", "setAlias"),
            Map.entry("GET /models/{id}/aliases/{alias}", "resolveAlias"),
            Map.entry("DELETE /models/{id}/aliases/{alias}", "deleteAlias"),
            Map.entry("POST /models/{id}/versions", "createVersion"),
            Map.entry("GET /models/{id}/versions", "listVersions"),
            Map.entry("GET /models/{id}/versions/{version}", "getVersion"),
            Map.entry("PATCH /models/{id}/versions/{version}", "updateVersion"),
            Map.entry("DELETE /models/{id}/versions/{version}", "deleteVersion"));

    /** The address of one row (a user, a model, a version), whose GET and PATCH answer its ETag. */
    private static final Pattern ROW_PATH = Pattern.compile(".*/\\{(id|version)\\}");

    /** Each refusal, by status: the name of its shared response and what it means. */
    private static final Map<String, String[]> REFUSALS = new TreeMap<>(Map.ofEntries(
            Map.entry("400", new String[] {"BadRequest", "Invalid input: a body, parameter or query string the API does"
                    + " not accept; violations name each rejected field or parameter"}),
            Map.entry("401", new String[] {"Unauthorized", "No valid bearer token (or, at login, a wrong username or"
                    + " password)"}),
            Map.entry("403", new String[] {"Forbidden", "The caller may not do this"}),
            Map.entry("404", new String[] {"NotFound", "Nothing exists at this address"}),
            Map.entry("406", new String[] {"NotAcceptable", "The API only answers application/json"}),
            Map.entry("409", new String[] {"Conflict", "The change conflicts with stored data (a name or email already"
                    + " taken) or with a concurrent change; violations name the field when there is one"}),
            Map.entry("412", new String[] {"PreconditionFailed", "If-Match named no current ETag of the resource"}),
            Map.entry("413", new String[] {"ContentTooLarge", "The request body is over the size limit"}),
            Map.entry("414", new String[] {"UriTooLong", "The path and query are over 8192 characters"}),
            Map.entry("415", new String[] {"UnsupportedMediaType", "The request body has a media type the operation"
                    + " does not read"}),
            Map.entry("417", new String[] {"ExpectationFailed", "An Expect header other than 100-continue"}),
            Map.entry("429", new String[] {"TooManyRequests", "Too many failed logins; retry after Retry-After"
                    + " seconds"}),
            Map.entry("500", new String[] {"InternalServerError", "An unexpected failure; detail carries an incident id"
                    + " that the logs also show"}),
            Map.entry("503", new String[] {"ServiceUnavailable", "The database is unavailable or this instance is"
                    + " shutting down; retry after Retry-After seconds"})));

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        Listings.declare(openApi.getComponents());
        openApi.getComponents().addSchema("Violation", violation()).addSchema("Problem", problem());
        declareHeaders(openApi);
        REFUSALS.forEach((status, refusal) -> openApi.getComponents().addResponse(refusal[0], refusal(status)));
        openApi.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> declare(path, method, operation)));
        loginAnswers(openApi);
        // OpenAPI requires a password flow to list its scopes, even none; the scanner leaves the field out
        openApi.getComponents().getSecuritySchemes().values().stream()
                .filter(scheme -> scheme.getFlows() != null && scheme.getFlows().getPassword() != null)
                .forEach(scheme -> scheme.getFlows().getPassword().setScopes(new TreeMap<>()));
        openApi.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() == null) {
                operation.setOperationId(OPERATION_IDS.get(method + " " + path));
            }
        }));
    }

    /** A JSON login answers an AccessToken, the OAuth2 form an OAuth2TokenResponse (RFC 6749 names): one of them. */
    private static void loginAnswers(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        schemas.get("AccessToken").required(List.of("accessToken", "tokenType", "expiresIn"));
        schemas.get("OAuth2TokenResponse").required(List.of("access_token", "token_type", "expires_in"));
        Operation login = openApi.getPaths().getPathItem(LOGIN).getPOST();
        // JSON first: generators build their login method from the first media type, and JSON is the API's own
        Content body = login.getRequestBody().getContent();
        Content jsonFirst = createContent();
        body.getMediaTypes().entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) ->
                Boolean.compare(!a.equals("application/json"), !b.equals("application/json"))))
                .forEach(entry -> jsonFirst.addMediaType(entry.getKey(), entry.getValue()));
        login.getRequestBody().setContent(jsonFirst);
        login.getResponses().getAPIResponse("200")
                .description("Logged in: an AccessToken for a JSON body, an OAuth2TokenResponse for the form")
                .getContent().getMediaType("application/json")
                .schema(createSchema().oneOf(List.of(ref("AccessToken"), ref("OAuth2TokenResponse"))));
    }

    private static void declare(String path, HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean login = path.equals(LOGIN);
        if (method == HttpMethod.POST && !login) {
            // a POST to a collection creates: 201 with the new resource's address, never 200
            APIResponse created = responses.getAPIResponse("200");
            responses.removeAPIResponse("200");
            responses.addAPIResponse("201", created.description("Created; Location is its address")
                    .addHeader("Location", createHeader().ref("Location")));
            if (ALSO_TAGGED.contains(method + " " + path)) {
                created.addHeader("ETag", createHeader().ref("ETag"));
            }
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean expandable = parameters.stream().anyMatch(p -> p.getName().equals("expand"));
        if ((method == HttpMethod.GET || method == HttpMethod.PATCH) && ROW_PATH.matcher(path).matches()
                || method != HttpMethod.POST && ALSO_TAGGED.contains(method + " " + path)) {
            // the row's version; an expanded user or model carries its models or versions, which the row's version
            // does not cover, so no ETag
            responses.getAPIResponse("200").addHeader("ETag", createHeader()
                    .ref(expandable ? "ETagUnlessExpanded" : "ETag"));
        }
        Map<String, Boolean> statuses = new LinkedHashMap<>();
        statuses.put("400", true);   // the query string and request target are checked for every operation
        statuses.put("406", true);
        statuses.put("414", true);
        statuses.put("500", true);
        statuses.put("503", true);   // every operation reads the database, and any may meet a shutting-down instance
        statuses.put("401", operation.getSecurity() != null && !operation.getSecurity().isEmpty() || login);
        statuses.put("403", CALLER_CHECKED.contains(method + " " + path));
        statuses.put("404", path.contains("{"));
        boolean body = operation.getRequestBody() != null;
        statuses.put("413", body);
        statuses.put("415", body);
        statuses.put("417", body);
        statuses.put("412", parameters.stream().anyMatch(p -> p.getName().equalsIgnoreCase("If-Match")));
        statuses.put("409", method != HttpMethod.GET && !login);
        statuses.put("429", login);
        statuses.forEach((status, applies) -> {
            if (applies) {
                responses.addAPIResponse(status, createAPIResponse().ref(REFUSALS.get(status)[0]));
            }
        });
    }

    private static APIResponse refusal(String status) {
        APIResponse response = createAPIResponse().description(REFUSALS.get(status)[1])
                .content(createContent().addMediaType(PROBLEM_JSON, createMediaType().schema(ref("Problem"))));
        switch (status) {
            case "401" -> response.addHeader("WWW-Authenticate", createHeader().ref("WWWAuthenticate"));
            case "429", "503" -> response.addHeader("Retry-After", createHeader().ref("RetryAfter"));
            default -> { }
        }
        return response;
    }

    private static void declareHeaders(OpenAPI openApi) {
        Map<String, Header> headers = Map.of(
                "Location", header("The address of the created resource", SchemaType.STRING, true),
                "ETag", header("The row's version as a strong entity tag; send it back in If-Match", SchemaType.STRING,
                        true),
                "ETagUnlessExpanded", header("The row's version as a strong entity tag; absent with ?expand, as the"
                        + " version does not cover the rows expanded", SchemaType.STRING, false),
                "RetryAfter", header("Seconds to wait before retrying", SchemaType.INTEGER, true),
                "WWWAuthenticate", header("The scheme to authenticate with: Bearer", SchemaType.STRING, true));
        headers.forEach(openApi.getComponents()::addHeader);
    }

    private static Header header(String description, SchemaType type, boolean required) {
        return createHeader().description(description).required(required).schema(createSchema().addType(type));
    }

    private static Schema problem() {
        return createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem details body; violations only for rejected input")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty("type", string("A URI naming the kind of problem; about:blank when the status says it all")
                        .format("uri-reference"))
                .addProperty("title", string("The status's reason phrase"))
                .addProperty("status", createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .description("The HTTP status, repeated"))
                .addProperty("detail", string("What went wrong, for a person to read"))
                .addProperty("instance", string("A URI naming this occurrence (RFC 9457; this service does not send"
                        + " it yet)").format("uri-reference"))
                .addProperty("violations", createSchema().addType(SchemaType.ARRAY).items(ref("Violation"))
                        .description("Each rejected input (400), or the taken field of a conflict (409)"));
    }

    private static Schema violation() {
        return createSchema().addType(SchemaType.OBJECT).description("One rejected input")
                .required(List.of("field", "message"))
                .addProperty("field", string("The JSON property (dotted path) or query parameter concerned"))
                .addProperty("message", string("What is wrong with it"));
    }

    static Schema string(String description) {
        return createSchema().addType(SchemaType.STRING).description(description);
    }

    static Schema ref(String component) {
        return createSchema().ref("#/components/schemas/" + component);
    }
}
