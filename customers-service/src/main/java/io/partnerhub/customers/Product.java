package io.partnerhub.customers;

public enum Product {
    MEETINGS, CALLING, MESSAGING, REALTIME_TRANSLATION, CONTACT_CENTER, WEBINARS
}
