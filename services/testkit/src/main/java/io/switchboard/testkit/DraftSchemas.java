package io.switchboard.testkit;

import io.switchboard.contracts.Topic;
import io.switchboard.deploy.StackSetup;

/**
 * Registers this checkout's draft of an UNRELEASED topic's value schema in the test stack's registry (through
 * deploy's {@link StackSetup#registerDraftSchema}), so that a service's tests can publish the draft its branch
 * changed although the shared stack was provisioned from an older one. Earlier drafts stay registered as older
 * versions, so other checkouts that still publish them keep finding theirs (the serializer looks up by content).
 */
public final class DraftSchemas {

    public static void register(Topic topic) {
        try {
            StackSetup.registerDraftSchema(new StackSetup.Target(null, null, null, LocalStack.bootstrapServers(),
                    LocalStack.registryUrl()), topic);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("registering the draft schema of " + topic.topicName() + " failed", e);
        }
    }

    private DraftSchemas() {
    }
}
