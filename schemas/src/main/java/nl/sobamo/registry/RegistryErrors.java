package nl.sobamo.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Turns a registry's final error response into the matching exception with a message an operator can act on. */
final class RegistryErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {
    }

    /**
     * @param what what the request was for, e.g. "register schema X under subject 'y'"
     */
    static SchemaRegistryException toException(RegistryHttp.Response response, String what) {
        int status = response.status();
        int errorCode = SchemaRegistryException.UNKNOWN;
        String registryMessage = RegistryHttp.abbreviate(response.body());
        // Confluent and Apicurio both answer {"error_code": 40401, "message": "..."}; a proxy may send anything.
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.isObject()) {
                if (body.path("error_code").canConvertToInt()) {
                    errorCode = body.get("error_code").intValue();
                }
                if (body.path("message").isTextual()) {
                    registryMessage = body.get("message").textValue();
                }
            }
        } catch (IOException notJson) {
            // keep the abbreviated raw body as the message
        }
        String message = String.format("Could not %s: HTTP %d%s: %s [%s %s]", what, status,
                errorCode == SchemaRegistryException.UNKNOWN ? "" : " (registry error " + errorCode + ")",
                registryMessage.isEmpty() ? "(no message)" : registryMessage, response.method(), response.uri());
        return switch (status) {
            case 401, 403 -> new RegistryAuthException(message, status, errorCode);
            case 404 -> new SchemaNotFoundException(message, status, errorCode);
            case 409 -> new IncompatibleSchemaException(message, status, errorCode);
            default -> new SchemaRegistryException(message, status, errorCode);
        };
    }
}
