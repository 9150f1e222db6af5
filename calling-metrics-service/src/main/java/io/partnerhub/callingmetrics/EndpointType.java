package io.partnerhub.callingmetrics;

/** What the user called from: Webex app desktop / mobile / web, IP phone, room device, third-party device, other. */
public enum EndpointType {
    WEBEX_APP_DESKTOP, WEBEX_APP_MOBILE, WEBEX_APP_WEB, IP_PHONE, ROOM_DEVICE, THIRD_PARTY_DEVICE, OTHER
}
