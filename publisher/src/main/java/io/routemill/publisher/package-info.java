/** The routemill service: configuration, lifecycle, the looking-glass API and the web pages. */
package io.routemill.publisher;
