/// <reference path="./element/framework-types.d.ts" preserve="true" />
/**
 * `billfold/react`: the portal as a React 19 component, for server-rendered and client apps.
 * React is an optional peer dependency: only this entry imports it.
 */
'use client';

export { BillfoldPortal, type BillfoldPortalProps, type BillfoldPortalCallbacks } from './react/billfold-portal.ts';
