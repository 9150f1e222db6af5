package io.partnerhub.subscriptions;

/** The products of the suite a line can be for. */
public enum Product {
    MEETINGS, CALLING, MESSAGING, REALTIME_TRANSLATION, CONTACT_CENTER, WEBINARS
}
